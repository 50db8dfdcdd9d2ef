import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

/** At a phone's width the page must not scroll sideways. */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a researcher creates a study, builds its interview guide from the template, and prints it', async ({ page }) => {
  // The guide editor is a long page: axe checks it at two widths.
  test.setTimeout(300_000);
  await logIn(page, 'researcher');
  await navigateTo(page, 'Tutkimukset');
  await expect(page.getByRole('heading', { level: 1, name: 'Tutkimukset' })).toBeFocused();
  // The demo installation's employment study is there, the researcher on its team.
  await expect(page.getByRole('link', { name: 'Ulkomaalaistaustaisten ihmiskaupan uhrien työllistyminen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);

  await page.getByRole('link', { name: 'Uusi tutkimus' }).click();
  await page.getByRole('button', { name: 'Luo tutkimus' }).click();
  await expectErrorSummary(page, ['Anna tutkimukselle nimi.', 'Kirjoita vähintään yksi tutkimuskysymys.', 'Valitse tutkimuksen tila.']);
  await expectNoAxeViolations(page);
  await page.getByLabel('Nimi').fill('Työllistymisen polut 2027');
  await page.getByLabel('Tutkimuskysymykset').fill('Mitä haasteita työllistymisessä on?\nMitä palveluja tarvitaan?');
  await page.getByLabel('Eettisen ennakkoarvioinnin viite').fill('TK-17/2027');
  await page.getByLabel('Missä aineisto säilytetään').fill('Suojattu verkkolevy');
  await page.getByLabel('Aineisto säilytetään asti').fill('31.12.2032');
  await page.getByLabel('Tila').selectOption({ label: 'Suunnittelu' });
  await page.getByRole('button', { name: 'Luo tutkimus' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Työllistymisen polut 2027' })).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'Mitä haasteita' }).getByRole('listitem')).toHaveText([
    'Mitä haasteita työllistymisessä on?',
    'Mitä palveluja tarvitaan?',
  ]);
  await expectNoAxeViolations(page);

  // A guide from the template, in English.
  await page.getByRole('button', { name: 'Luo haastattelurunko' }).click();
  await expectErrorSummary(page, ['Anna haastattelurungolle nimi.', 'Valitse haastattelurungon kieli.']);
  await page.getByLabel('Haastattelurungon nimi').fill('Interview guide');
  await page.getByLabel('Haastattelurungon kieli').selectOption({ label: 'englanti' });
  await page.getByLabel('Aloita työllistymisselvityksen haastattelurungosta').check();
  await page.getByRole('button', { name: 'Luo haastattelurunko' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Interview guide' })).toBeVisible();
  await expect(page.getByText('Versio 1: 5 osiota, 20 kysymystä.')).toBeVisible();
  await expect(page.getByLabel('Osion 3 otsikko')).toHaveValue('Challenges');
  await expect(page.getByLabel('Kysymys 3.1', { exact: true })).toHaveValue(/^Have you met particular challenges/);
  await expect(
    page.getByRole('group', { name: 'Tutkimuskysymykset, joihin kysymys 3.1 vastaa' }).getByRole('checkbox', { name: /^RQ1/ }),
  ).toBeChecked();
  await expectNoAxeViolations(page);

  // By keyboard: the closing section's second question moves up, gets a probe, and serves RQ2.
  await page.getByRole('button', { name: 'Siirrä ylös: kysymys 5.2' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Kysymys 5.1', { exact: true })).toHaveValue('Do you have anything to add, or questions for us?');
  await page.getByRole('button', { name: 'Lisää tarkentava kysymys: kysymys 5.1' }).click();
  await page.getByLabel('Tarkentava kysymys 1: kysymys 5.1').fill('Anything about employers?');
  await page.getByRole('group', { name: 'Tutkimuskysymykset, joihin kysymys 5.1 vastaa' }).getByRole('checkbox', { name: /^RQ2/ }).check();
  // An empty question is caught before anything is sent.
  await page.getByRole('button', { name: 'Lisää kysymys osioon 5' }).click();
  await page.getByRole('button', { name: 'Tallenna haastattelurunko' }).click();
  await expectErrorSummary(page, ['Kirjoita kysymys 5.3 tai poista se.']);
  await page.getByRole('button', { name: 'Poista kysymys 5.3' }).click();
  await page.getByRole('button', { name: 'Tallenna haastattelurunko' }).click();
  await expect(page.getByRole('status')).toHaveText('Haastattelurunko tallennettiin.');
  await expect(page.getByText('Versio 2: 5 osiota, 20 kysymystä.')).toBeVisible();
  await expectFitsPhone(page);

  // The printable guide: the research questions, then the sections with probes and what each serves.
  await page.getByRole('link', { name: 'Tulostettava haastattelurunko' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interview guide' })).toBeVisible();
  await expect(page.getByText('Työllistymisen polut 2027 · haastattelurunko, versio 2')).toBeVisible();
  const closing = page.getByRole('region', { name: '5. Closing' });
  await expect(closing.getByRole('listitem').first()).toContainText('Do you have anything to add, or questions for us?');
  await expect(closing.getByRole('list', { name: 'Tarkentavat kysymykset' })).toHaveText('Anything about employers?');
  await expect(closing.getByText('Vastaa: RQ2')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);
});

test('a researcher records a participant and their consent, and the participant withdraws', async ({ page }) => {
  test.setTimeout(300_000);
  await logIn(page, 'researcher');
  await navigateTo(page, 'Tutkimukset');
  await page.getByRole('link', { name: 'Ulkomaalaistaustaisten ihmiskaupan uhrien työllistyminen' }).click();
  await page.getByRole('link', { name: 'Osallistujat ja suostumukset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Osallistujat:/ })).toBeVisible();

  const adding = page.getByRole('region', { name: 'Uusi osallistuja' });
  await adding.getByRole('button', { name: 'Lisää osallistuja' }).click();
  await expectErrorSummary(page, ['Valitse, minkä tyyppisessä organisaatiossa osallistuja työskentelee.']);
  await adding.getByLabel('Organisaation tyyppi').selectOption({ label: 'Työllisyyspalvelut' });
  await adding.getByLabel('Tehtävä').fill('Työvalmentaja');
  await adding.getByLabel('Alue').fill('Uusimaa');
  await adding.getByLabel('Nimi').fill('Päivi Testinen');
  await adding.getByLabel('Yhteystiedot').fill('paivi@example.fi');
  await adding.getByRole('button', { name: 'Lisää osallistuja' }).click();
  await expect(page.getByRole('status')).toHaveText('Osallistuja P01 lisättiin.');
  const card = page.getByRole('region', { name: 'P01' });
  await expect(card).toContainText('Työllisyyspalvelut');
  // The name is not on the page until asked for.
  await expect(page.getByText('Päivi Testinen')).toHaveCount(0);
  await card.getByRole('button', { name: 'Näytä osallistujan P01 nimi ja yhteystiedot' }).click();
  await expect(card.getByText('Päivi Testinen')).toBeVisible();

  await card.getByText('Kirjaa osallistujan P01 suostumus').click();
  await card.getByRole('button', { name: 'Kirjaa suostumus' }).click();
  await expectErrorSummary(page, [
    'Anna osallistujalle annetun tiedotteen versio.',
    'Anna suostumuslomakkeen versio.',
    'Anna päivä, jona suostumus annettiin.',
    'Valitse, miten suostumus annettiin.',
  ]);
  await card.getByLabel('Tiedotteen versio').fill('1.2');
  await card.getByLabel('Suostumuslomakkeen versio').fill('1.1');
  await card.getByLabel('Suostumuksen antopäivä').fill('2.3.2026');
  await card.getByLabel('Kirjallisesti allekirjoittaen').check();
  await card.getByLabel('Haastattelun tallentamiseen').check();
  await card.getByLabel('Lainauksiin niin, ettei häntä tunnisteta').check();
  await card.getByRole('button', { name: 'Kirjaa suostumus' }).click();
  await expect(page.getByRole('status')).toHaveText('Osallistujan P01 suostumus kirjattiin.');
  await expect(card).toContainText('tiedote 1.2, suostumuslomake 1.1');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);

  await card.getByText('Kirjaa osallistujan P01 vetäytyminen').click();
  await card.getByLabel('Vetäytymispäivä').fill('1.4.2026');
  await card.getByRole('button', { name: 'Poista P01 tutkimuksesta' }).click();
  await expect(card.getByRole('heading', { name: 'Poistetaanko P01 tutkimuksesta?' })).toBeFocused();
  await card.getByRole('button', { name: 'Poista P01 tutkimuksesta' }).last().click();
  await expect(page.getByRole('status')).toHaveText('P01 on vetäytynyt; hänen aineistonsa poistettiin tutkimuksesta.');
  await expect(card).toContainText('Vetäytynyt');
  await expect(card.getByRole('button', { name: /Näytä osallistujan/ })).toHaveCount(0);
  await expect(page.getByText('Päivi Testinen')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
