import { expect, test } from '@playwright/test';
import { demoAccount, expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

test('a partner changes their password, and a weak one is refused with a reason', async ({ page }) => {
  await logIn(page, 'partner');
  await navigateTo(page, 'Omat asetukset');
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
  // The demo partner's password again, as the journeys after this one log in with it.
  await page.getByLabel('Nykyinen salasana').fill('kaksi sinistä polkupyörää');
  await page.getByLabel('Uusi salasana').fill(demoAccount('partner').password);
  const restored = page.waitForResponse((response) => response.url().endsWith('/api/v1/me/password'));
  await page.getByRole('button', { name: 'Vaihda salasana' }).click();
  expect((await restored).status()).toBe(204);
});
