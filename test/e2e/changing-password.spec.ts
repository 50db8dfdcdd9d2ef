import { expect, test } from '@playwright/test';
import { demoAccount, expectErrorSummary, expectNoAxeViolations, logIn } from './support/journey.ts';

test('a partner changes their password, and a weak one is refused with a reason', async ({ page }) => {
  await logIn(page, 'partner');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Omat asetukset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Omat asetukset' })).toBeFocused();
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expectErrorSummary(page, ['Anna nykyinen salasanasi.', 'Anna uusi salasana.']);
  await expectNoAxeViolations(page);
  await page.getByLabel('Nykyinen salasana').fill(demoAccount('partner').password);
  await page.getByLabel('Uusi salasana').fill('salasana1234');
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expectErrorSummary(page, ['Salasana on liian yleinen tai helppo arvata.']);
  await expectNoAxeViolations(page);
  await page.getByLabel('Nykyinen salasana').fill(demoAccount('partner').password);
  await page.getByLabel('Uusi salasana').fill('kaksi sinistä polkupyörää');
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  await expect(page.getByRole('status')).toHaveText('Salasana vaihdettu.');
  await expect(page.getByLabel('Nykyinen salasana')).toHaveValue('');
});
