import { expect, test, type Page } from '@playwright/test';
import { demoAccount, expectNoAxeViolations, logIn } from './support/journey.ts';

/** Logged out, on a freshly loaded login page, as the next person would start. */
async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Polkuun' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Polkuun' })).toBeVisible();
}

test('an administrator creates, disables and resets accounts; a director confirms the access asked', async ({ page }) => {
  test.setTimeout(150_000);
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
  // A role that reads client data waits for a director: the account cannot log in before that.
  await expect(page.getByRole('status')).toContainText('Tili uusi.ohjaaja@polku.demo luotu.');
  await expect(page.getByRole('status')).toContainText('kun johtaja on vahvistanut');
  const row = page.getByRole('row', { name: /Uusi Ohjaaja/ });
  await expect(row).toContainText('Ei voi kirjautua ennen johtajan vahvistusta');
  await expect(row).toContainText('Odottaa johtajan vahvistusta: Sosiaaliohjaaja / tarkastaja · Tampere');

  await row.getByRole('button', { name: /Muuta/ }).click();
  const edit = page.getByRole('region', { name: /Muuta käyttäjän Uusi Ohjaaja/ });
  await edit.getByLabel('Rooli').selectOption('partner');
  await edit.getByLabel('Toimipiste').selectOption('');
  await edit.getByLabel('Organisaatio').selectOption('monika');
  await edit.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('status')).toContainText('Käyttäjän Uusi Ohjaaja tiedot tallennettu.');
  await expect(row).toContainText('Odottaa johtajan vahvistusta: Kumppani · Monika-Naiset');
  await expectNoAxeViolations(page);

  // The administrator cannot make themselves director.
  const ownRow = page.getByRole('row', { name: /Ylli Ylläpitäjä/ });
  await ownRow.getByRole('button', { name: /Muuta/ }).click();
  const own = page.getByRole('region', { name: /Muuta käyttäjän/ });
  await own.getByLabel('Rooli').selectOption('director');
  await own.getByLabel('Toimipiste').selectOption('helsinki');
  await own.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('alert')).toContainText('Et voi muuttaa oman tilisi roolia');
  await own.getByRole('button', { name: 'Peruuta' }).click();

  // A director confirms the change.
  await logOut(page);
  await logIn(page, 'director');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttöoikeudet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttöoikeuksien vahvistus' })).toBeVisible();
  const pending = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Uusi Ohjaaja/ }) });
  await expect(pending).toContainText('Uusi tili, ei käyttöoikeutta');
  await expect(pending).toContainText('Kumppani · Monika-Naiset');
  await expectNoAxeViolations(page);
  await pending.getByRole('button', { name: /Vahvista/ }).click();
  await expect(page.getByRole('status')).toContainText('Käyttäjän Uusi Ohjaaja käyttöoikeus vahvistettu.');
  const decided = page.getByRole('region', { name: 'Viimeksi päätetyt' });
  await expect(decided.getByRole('row', { name: /Uusi Ohjaaja Kumppani/ })).toContainText('Vahvistettu');
  await expect(decided.getByRole('row', { name: /Uusi Ohjaaja Sosiaaliohjaaja/ })).toContainText('Korvattu uudemmalla muutoksella');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await logOut(page);

  await logIn(page, 'administrator');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjätilit' }).click();
  await expect(row).toContainText('Kumppani');
  await expect(row).toContainText('Monika-Naiset');
  await expect(row).toContainText('Odottaa ensimmäistä kirjautumista');
  await expect(row).not.toContainText('Odottaa johtajan vahvistusta');

  await row.getByRole('button', { name: /Poista käytöstä/ }).click();
  await expect(page.getByRole('status')).toHaveText('Uusi Ohjaaja on poistettu käytöstä ja istunnot päätetty.');
  await expect(row).toContainText('Poistettu käytöstä');

  await page
    .getByRole('row', { name: /Sanna Sosiaaliohjaaja/ })
    .getByRole('button', { name: /Nollaa/ })
    .click();
  const reset = page.getByRole('region', { name: /Nollaa käyttäjän Sanna Sosiaaliohjaaja/ });
  await reset.getByLabel('Oma salasanasi').fill('wrong password');
  await reset.getByRole('button', { name: /Nollaa/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Salasanasi on väärä.');
  await reset.getByLabel('Oma salasanasi').fill(demoAccount('administrator').password);
  await reset.getByRole('button', { name: /Nollaa/ }).click();
  await expect(page.getByRole('status')).toHaveText('Käyttäjän Sanna Sosiaaliohjaaja tunnistautuminen on nollattu.');
  await expectNoAxeViolations(page);
});
