import { expect, test, type Page } from '@playwright/test';
import { demoAccount, expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

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
  await navigateTo(page, 'Käyttäjätilit');
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttäjätilit' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Sanna Sosiaaliohjaaja/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.getByRole('region', { name: 'Uusi käyttäjätili' });
  // Nothing is chosen for the person: the role starts empty, and an empty form says what is missing.
  await expect(form.getByLabel('Rooli')).toHaveValue('');
  await expect(form.getByLabel('Toimipiste')).toHaveValue('');
  await expect(form.getByLabel('Organisaatio')).toHaveValue('');
  await form.getByRole('button', { name: 'Luo tili' }).click();
  await expectErrorSummary(page, ['Kirjoita käyttäjätunnus.', 'Kirjoita henkilön nimi.', 'Valitse rooli.']);
  await form.getByLabel('Käyttäjätunnus').fill('uusi.ohjaaja@polku.demo');
  await form.getByLabel('Nimi', { exact: true }).fill('Uusi Ohjaaja');
  await form.getByLabel('Rooli').selectOption('partner');
  await form.getByRole('button', { name: 'Luo tili' }).click();
  await expectErrorSummary(page, ['Valitse organisaatio: kumppanin tili kuuluu organisaatiolle.']);
  await expectNoAxeViolations(page);
  await form.getByLabel('Rooli').selectOption('caseworker');
  await form.getByLabel('Toimipiste').selectOption('tampere');
  await form.getByRole('button', { name: 'Luo tili' }).click();
  // The one-time password is shown where the administrator is looking, with what to do next.
  const created = page.getByRole('region', { name: 'Tili luotu: Uusi Ohjaaja' });
  await expect(created.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(created).toContainText('uusi.ohjaaja@polku.demo');
  await expect(created.getByTestId('one-time-password')).toHaveText(/^\S{5}-\S{5}-\S{5}$/);
  await expect(created).toContainText('vaihtaa salasanan omaansa');
  // A role that reads client data waits for a director: the account cannot log in before that.
  await expect(created).toContainText('kun johtaja on vahvistanut');
  await expectNoAxeViolations(page);
  await created.getByRole('button', { name: 'Luo toinen tili' }).click();
  await expect(form.getByLabel('Käyttäjätunnus')).toHaveValue('');
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
  await expect(own.locator('.error-summary')).toBeFocused();
  await expect(own.locator('.error-summary')).toContainText('Et voi muuttaa oman tilisi roolia');
  await own.getByRole('button', { name: 'Peruuta' }).click();

  // A director confirms the change.
  await logOut(page);
  await logIn(page, 'director');
  await navigateTo(page, 'Käyttöoikeudet');
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
  await navigateTo(page, 'Käyttäjätilit');
  await expect(row).toContainText('Kumppani');
  await expect(row).toContainText('Monika-Naiset');
  await expect(row).toContainText('Odottaa ensimmäistä kirjautumista');
  await expect(row).not.toContainText('Odottaa johtajan vahvistusta');

  // Disabling asks first, saying what will happen; going back changes nothing.
  await row.getByRole('button', { name: 'Poista käytöstä: Uusi Ohjaaja' }).click();
  const question = row.getByRole('region', { name: 'Poistetaanko Uusi Ohjaaja käytöstä?' });
  await expect(question.getByRole('heading')).toBeFocused();
  await expect(question).toContainText('istunnot päättyvät heti');
  await expectNoAxeViolations(page);
  await question.getByRole('button', { name: 'Takaisin' }).click();
  await expect(row.getByRole('button', { name: 'Poista käytöstä: Uusi Ohjaaja' })).toBeFocused();
  await expect(row).not.toContainText('Poistettu käytöstä');
  await row.getByRole('button', { name: 'Poista käytöstä: Uusi Ohjaaja' }).click();
  await question.getByRole('button', { name: 'Poista käytöstä', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Uusi Ohjaaja on poistettu käytöstä ja istunnot päätetty.');
  await expect(row).toContainText('Poistettu käytöstä');

  await page
    .getByRole('row', { name: /Sanna Sosiaaliohjaaja/ })
    .getByRole('button', { name: /Nollaa/ })
    .click();
  const reset = page.getByRole('region', { name: /Nollaa käyttäjän Sanna Sosiaaliohjaaja/ });
  await reset.getByLabel('Oma salasanasi').fill('wrong password');
  await reset.getByRole('button', { name: /Nollaa/ }).click();
  await expectErrorSummary(page, ['Salasanasi on väärä.']);
  await reset.getByLabel('Oma salasanasi').fill(demoAccount('administrator').password);
  await reset.getByRole('button', { name: /Nollaa/ }).click();
  await expect(page.getByRole('status')).toHaveText('Käyttäjän Sanna Sosiaaliohjaaja tunnistautuminen on nollattu.');
  await expectNoAxeViolations(page);
});

test("a new person's first login makes them set their own password before anything else", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'administrator');
  await navigateTo(page, 'Käyttäjätilit');
  const form = page.getByRole('region', { name: 'Uusi käyttäjätili' });
  await form.getByLabel('Käyttäjätunnus').fill('eka.kerta@polku.demo');
  await form.getByLabel('Nimi', { exact: true }).fill('Eeva Ensikertalainen');
  await form.getByLabel('Rooli').selectOption('researcher');
  await form.getByRole('button', { name: 'Luo tili' }).click();
  const created = page.getByRole('region', { name: 'Tili luotu: Eeva Ensikertalainen' });
  const oneTime = await created.getByTestId('one-time-password').innerText();
  await expect(created).not.toContainText('kun johtaja on vahvistanut');
  await logOut(page);

  await logIn(page, { username: 'eka.kerta@polku.demo', password: oneTime }, { home: false });
  await expect(page.getByRole('heading', { level: 1, name: 'Valitse oma salasana' })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Nothing else is answered until then: the app's own requests are refused by the server.
  const refused = await page.evaluate(async () => (await fetch('/api/v1/organisations')).status);
  expect(refused).toBe(403);

  await page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await expectErrorSummary(page, [
    'Kirjoita ylläpitäjältä saamasi kertakäyttöinen salasana.',
    'Kirjoita uusi salasana.',
    'Kirjoita uusi salasana uudelleen.',
  ]);
  await page.getByLabel('Kertakäyttöinen salasana').fill(oneTime);
  await page.getByLabel('Uusi salasana', { exact: true }).fill('kirsikkapuu kukkii toukokuussa');
  await page.getByLabel('Uusi salasana uudelleen').fill('kirsikkapuu kukkii kesäkuussa');
  await page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await expectErrorSummary(page, ['Salasanat eivät ole samat. Kirjoita sama salasana kumpaankin kenttään.']);
  await page.getByLabel('Uusi salasana', { exact: true }).fill(oneTime);
  await page.getByLabel('Uusi salasana uudelleen').fill(oneTime);
  await page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await expectErrorSummary(page, ['Uusi salasana ei voi olla sama kuin nykyinen.']);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel('Uusi salasana', { exact: true }).fill('kirsikkapuu kukkii toukokuussa');
  await page.getByLabel('Uusi salasana uudelleen').fill('kirsikkapuu kukkii toukokuussa');
  await page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tervetuloa, Eeva Ensikertalainen' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeVisible();

  // The next login goes straight in with the person's own password.
  await logOut(page);
  await logIn(page, { username: 'eka.kerta@polku.demo', password: 'kirsikkapuu kukkii toukokuussa' });
  await expect(page.getByRole('heading', { level: 1, name: 'Tervetuloa, Eeva Ensikertalainen' })).toBeVisible();
});
