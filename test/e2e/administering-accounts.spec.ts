import { expect, test } from '@playwright/test';
import { demoAccount, expectNoAxeViolations, logIn } from './support/journey.ts';

test('an administrator creates, disables and resets accounts', async ({ page }) => {
  await logIn(page, 'administrator');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjätilit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttäjätilit' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Sanna Sosiaaliohjaaja/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.getByRole('region', { name: 'Uusi käyttäjätili' });
  await form.getByLabel('Käyttäjätunnus').fill('uusi.ohjaaja@polku.demo');
  await form.getByLabel('Nimi', { exact: true }).fill('Uusi Ohjaaja');
  await form.getByLabel('Rooli').selectOption('partner');
  await form.getByRole('button', { name: 'Luo tili' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kumppanin tilille on valittava organisaatio.');
  await form.getByLabel('Rooli').selectOption('caseworker');
  await form.getByLabel('Toimipiste').selectOption('tampere');
  await form.getByRole('button', { name: 'Luo tili' }).click();
  await expect(page.getByRole('status')).toContainText('Tili uusi.ohjaaja@polku.demo luotu.');
  const row = page.getByRole('row', { name: /Uusi Ohjaaja/ });
  await expect(row).toContainText('Odottaa ensimmäistä kirjautumista');

  await row.getByRole('button', { name: /Muuta/ }).click();
  const edit = page.getByRole('region', { name: /Muuta käyttäjän Uusi Ohjaaja/ });
  await edit.getByLabel('Rooli').selectOption('partner');
  await edit.getByLabel('Organisaatio').selectOption('monika');
  await edit.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('status')).toHaveText('Käyttäjän Uusi Ohjaaja tiedot tallennettu.');
  await expect(row).toContainText('Kumppani');
  await expect(row).toContainText('Monika-Naiset');

  await row.getByRole('button', { name: /Poista käytöstä/ }).click();
  await expect(page.getByRole('status')).toHaveText('Uusi Ohjaaja on poistettu käytöstä ja istunnot päätetty.');
  await expect(row).toContainText('Poistettu käytöstä');

  await page.getByRole('row', { name: /Sanna Sosiaaliohjaaja/ }).getByRole('button', { name: /Nollaa/ }).click();
  const reset = page.getByRole('region', { name: /Nollaa käyttäjän Sanna Sosiaaliohjaaja/ });
  await reset.getByLabel('Oma salasanasi').fill('wrong password');
  await reset.getByRole('button', { name: /Nollaa/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Salasanasi on väärä.');
  await reset.getByLabel('Oma salasanasi').fill(demoAccount('administrator').password);
  await reset.getByRole('button', { name: /Nollaa/ }).click();
  await expect(page.getByRole('status')).toHaveText('Käyttäjän Sanna Sosiaaliohjaaja tunnistautuminen on nollattu.');
  await expectNoAxeViolations(page);
});
