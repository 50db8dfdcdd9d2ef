import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn } from './support/journey.ts';

/** At a phone's width the page must not scroll sideways. */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a researcher creates a study, builds its interview guide from the template, and prints it', async ({ page }) => {
  // The guide editor is a long page: axe checks it at two widths.
  test.setTimeout(180_000);
  await logIn(page, 'researcher');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tutkimukset' }).click();
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
