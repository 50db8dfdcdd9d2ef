import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

/** The page fits a phone: nothing wider than the screen, and axe finds nothing. */
async function checkNarrow(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** A day some months back, as people in Finland type it. */
function monthsAgo(months: number): string {
  const day = new Date();
  day.setDate(1);
  day.setMonth(day.getMonth() - months);
  return `${day.getDate()}.${day.getMonth() + 1}.${day.getFullYear()}`;
}

async function openPathway(page: Page, name: string) {
  await navigateTo(page, 'Asiakkaat');
  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Polku työelämään ja sen kartta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Polku työelämään: ${name}` })).toBeVisible();
}

/** The disclosure holding a form, by the words of its summary. */
const form = (scope: Page | Locator, summary: string) => {
  const page = 'goto' in scope ? scope : scope.page();
  return scope.locator('details', { has: page.locator('summary', { hasText: summary }) });
};

test('a caseworker and the municipal social worker build and revise a client plan; a service referred with consent is completed by the partner', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await logIn(page, 'caseworker');
  await openPathway(page, 'Minh Demo');

  const newPlan = form(page, 'Laadi uusi suunnitelma');
  await newPlan.locator('summary').click();
  await newPlan.getByRole('button', { name: 'Tallenna suunnitelma' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await newPlan.getByLabel('Suunnitelma', { exact: true }).selectOption({ label: 'Asiakassuunnitelma' });
  await newPlan.getByLabel('Laatija').fill('Helsingin kaupunki, sosiaalityö');
  await newPlan.getByLabel('Laadittu yhdessä').fill('Minh, tulkki ja auttamisjärjestelmä');
  await newPlan.getByLabel('Suunnitelmaan nimetty yhteistyötaho').selectOption({ label: 'Helsingin kaupunki, sosiaalityö' });
  await newPlan.getByLabel('Päivä, jona henkilö suostui suunnitelman jakamiseen sille').fill(monthsAgo(0));
  await newPlan.getByLabel('Ensimmäinen tavoite (vapaaehtoinen)').fill('Haluan työpaikan rakennusalalta');
  await newPlan.getByLabel('Kenen tavoite').selectOption({ label: 'Asiakkaan omin sanoin' });
  await newPlan.getByRole('button', { name: 'Tallenna suunnitelma' }).click();
  const plan = page.getByRole('article', { name: /Asiakassuunnitelma – versio 1/ });
  await expect(plan.getByRole('cell', { name: 'Haluan työpaikan rakennusalalta' })).toBeVisible();

  // A goal on hold needs its reason; given, the plan is a new version.
  const status = form(plan, 'Muuta tavoitteen tilaa');
  await status.locator('summary').click();
  await status.getByLabel('Tavoite', { exact: true }).selectOption({ label: 'Haluan työpaikan rakennusalalta' });
  await status.getByLabel('Tila', { exact: true }).selectOption({ label: 'Tauolla' });
  await status.getByRole('button', { name: 'Tallenna tila' }).click();
  await expect(page.locator('.error-summary').getByRole('link')).toHaveText(['Kerro, miksi tavoite on tauolla.']);
  await status.getByLabel('Miksi tavoite on tauolla?').fill('Ensin työturvallisuuskortti');
  await status.getByRole('button', { name: 'Tallenna tila' }).click();
  await expect(
    page.getByRole('article', { name: /versio 2/ }).getByRole('cell', { name: /Tauolla: Ensin työturvallisuuskortti/ }),
  ).toBeVisible();

  // The teacher's assessment of Finnish.
  const checkpoint = form(page, 'Kirjaa tarkistuspiste');
  await checkpoint.locator('summary').click();
  await checkpoint.getByLabel('Tarkistuspiste', { exact: true }).selectOption({ label: 'Kielitaito' });
  await checkpoint.getByLabel('Arvioija').fill('Suomen kielen opettaja, työväenopisto');
  await checkpoint.getByLabel('Kokonaistaso (EVK)').selectOption('A1');
  await checkpoint.getByLabel('Kieli', { exact: true }).fill('fi');
  await checkpoint.getByLabel('Puhuminen').selectOption('A1');
  await checkpoint.getByLabel('Kuullun ymmärtäminen').selectOption('A2');
  await checkpoint.getByLabel('Arvion lähde').selectOption({ label: 'Opettajan arvio' });
  await checkpoint.getByRole('button', { name: 'Tallenna tarkistuspiste' }).click();
  await expect(page.getByRole('cell', { name: /Kieli fi: A1 \(Kuullun ymmärtäminen A2, Puhuminen A1\) – Opettajan arvio/ })).toBeVisible();

  // Family mediation from the directory, referred to the city's social work with the person's consent.
  const propose = form(page, 'Ehdota palvelua');
  await propose.locator('summary').click();
  await propose
    .getByLabel('Palvelu yhteistyötahojen palveluhakemistosta')
    .selectOption({ label: 'Perhesovittelu: Perhesovittelu – Helsingin kaupunki, sosiaalityö (Helsinki; fi, sv, en)' });
  await propose.getByRole('button', { name: 'Tallenna ehdotus' }).click();
  const step = form(page, 'Seuraava vaihe: Perhesovittelu');
  await step.locator('summary').click();
  await step.getByLabel('Seuraava vaihe', { exact: true }).selectOption({ label: 'Ohjattu' });
  await step.getByLabel('Päivä, jona henkilö suostui ohjaukseen').fill(monthsAgo(0));
  await step.getByLabel('Mitä palveluntuottajalle kerrotaan').fill('Nimi ja puhelinnumero; tulkki vietnamiksi');
  await step.getByRole('button', { name: 'Tallenna vaihe' }).click();
  await expect(page.getByText('Suostumus', { exact: false }).filter({ hasText: 'tulkki vietnamiksi' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The municipal social worker, named on the plan, adds the municipality's goal and completes the mediation.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await logIn(page, 'partner2');
  await openPathway(page, 'Minh Demo');
  const shared = page.getByRole('article', { name: /Asiakassuunnitelma – versio 2/ });
  const addGoal = form(shared, 'Lisää tavoite');
  await addGoal.locator('summary').click();
  await addGoal.getByLabel('Tavoite', { exact: true }).fill('Työturvallisuuskortti kevään aikana');
  await addGoal.getByLabel('Kenen tavoite').selectOption({ label: 'Kunnan suunnitelma' });
  await addGoal.getByRole('button', { name: 'Tallenna tavoite' }).click();
  const revised = page.getByRole('article', { name: /Asiakassuunnitelma – versio 3/ });
  await expect(revised.getByRole('cell', { name: 'Kunnan suunnitelma' })).toBeVisible();
  const mediation = form(page, 'Seuraava vaihe: Perhesovittelu');
  await mediation.locator('summary').click();
  await mediation.getByLabel('Seuraava vaihe', { exact: true }).selectOption({ label: 'Alkanut' });
  await mediation.getByRole('button', { name: 'Tallenna vaihe' }).click();
  await expect(page.getByText(/^Alkanut – ehdotettu/)).toBeVisible();
  await mediation.getByLabel('Seuraava vaihe', { exact: true }).selectOption({ label: 'Päättynyt' });
  await mediation.getByRole('button', { name: 'Tallenna vaihe' }).click();
  await expect(page.getByText(/^Päättynyt – ehdotettu/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Every version can be read and compared: the goal put on hold shows as changed.
  await revised.getByRole('link', { name: /Lue ja vertaa kaikkia versioita/ }).click();
  const compare = page.getByRole('table', { name: 'Tavoitteet versioittain, vanhin ensin' });
  await expect(compare.getByRole('columnheader')).toHaveCount(4);
  await expect(
    compare
      .getByRole('row', { name: /Tavoite 1/ })
      .getByRole('cell')
      .nth(1),
  ).toContainText('Tauolla: Ensin työturvallisuuskortti (muuttunut)');
  await expectNoAxeViolations(page);
});

test('a nurse records mental state, the caseworker three progress readings with the chart, and prints the map', async ({ page }) => {
  test.setTimeout(300_000);
  await logIn(page, 'nurse');
  await openPathway(page, 'Minh Demo');
  const checkpoint = form(page, 'Kirjaa tarkistuspiste');
  await checkpoint.locator('summary').click();
  await checkpoint.getByLabel('Tarkistuspiste', { exact: true }).selectOption({ label: 'Psyykkinen tila' });
  await checkpoint.getByLabel('Arvioija').fill('Terveydenhoitaja');
  await checkpoint.getByLabel('Tulos').selectOption({ label: 'Ei vielä' });
  await checkpoint.getByLabel('Kliininen muistiinpano').fill('Uniongelmia; terapia alkanut');
  await checkpoint.getByRole('button', { name: 'Tallenna tarkistuspiste' }).click();
  await expect(page.getByText('Uniongelmia; terapia alkanut')).toBeVisible();
  await expect(page.getByText('Psyykkinen tila on ”ei vielä”: ensin psyykkistä tukea, kielikurssi voi odottaa.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await logIn(page, 'caseworker');
  await openPathway(page, 'Minh Demo');
  const reading = form(page, 'Kirjaa arvio yhdessä asiakkaan kanssa');
  await reading.locator('summary').click();
  await reading.getByRole('button', { name: 'Tallenna arvio' }).click();
  await expect(page.locator('.error-summary').getByRole('link')).toHaveText(['Valitse numero ainakin yhdelle osa-alueelle.']);
  // Each area describes its stages in its own words.
  await expect(reading.getByLabel('Asuminen').locator('option[value="1"]')).toHaveText(/turvallista asuntoa/);
  await expect(reading.getByLabel('Itseluottamus').locator('option[value="10"]')).toHaveText(/rohkaisen muita/);
  for (const [months, scores] of [
    [6, ['2', '1', '3']],
    [3, ['4', '2', '4']],
    [0, ['6', '3', '6']],
  ] as const) {
    await reading.getByLabel('Arvion päivä').fill(monthsAgo(months));
    await reading.getByLabel('Työ ja osaaminen').selectOption(scores[0]);
    await reading.getByLabel('Kieli', { exact: true }).selectOption(scores[1]);
    await reading.getByLabel('Itseluottamus').selectOption(scores[2]);
    await reading.getByRole('button', { name: 'Tallenna arvio' }).click();
    await expect(page.getByText('Arvio tallennettiin.')).toBeVisible();
  }
  await expect(page.getByRole('img', { name: /Jokainen osa-alue ensimmäisessä arviossa/ })).toBeVisible();
  const table = page.getByRole('table', { name: 'Kaikki arviot osa-alueittain (1–10)' });
  await expect(table.getByRole('row', { name: /Työ ja osaaminen/ }).getByRole('cell')).toHaveText(['2', '4', '6']);
  await expect(page.getByText('Psyykkinen tila on ”ei vielä”')).toBeVisible();
  await checkNarrow(page);

  // The map: each step a link reached by keyboard, the same as text, and a plain-language printout.
  await page.getByRole('link', { name: 'Polun kartta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Polun kartta työelämään' })).toBeVisible();
  const drawing = page.getByRole('group', { name: /Polku lakisääteisistä palveluista työelämään/ });
  await expect(drawing.getByRole('link', { name: 'Tarkistuspiste: psyykkinen tila: käynnissä' })).toBeVisible();
  await expect(drawing.getByRole('link', { name: /^Polun palvelut: (valmis|käynnissä|odottaa)$/ })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^Asiakassuunnitelma: (… käynnissä|○ odottaa)$/ })).toBeVisible();
  await checkNarrow(page);
  await page.getByRole('button', { name: 'Selkokielinen versio asiakkaalle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sinun polkusi työelämään' })).toBeVisible();
  await expect(page.getByText('Miltä sinusta tuntuu ja oletko valmis: teemme tätä nyt.')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Tulosta' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
  await expectNoAxeViolations(page);
});

test('a placement whose fair-work check fails shows a warning and becomes a task', async ({ page }) => {
  test.setTimeout(300_000);
  await logIn(page, 'caseworker');
  await openPathway(page, 'Amina Demo');
  const employer = form(page, 'Lisää työnantaja');
  await employer.locator('summary').click();
  await employer.getByLabel('Työnantajan nimi').fill('Keittiö Esimerkki Oy');
  await employer.getByRole('group', { name: 'Miten työnantaja on mukana' }).getByLabel('Tarjoaa harjoittelupaikkoja').check();
  await employer.getByLabel('Yhteyshenkilöt').fill('Henkilöstöpäällikkö Maija Meikäläinen');
  await employer.getByRole('button', { name: 'Tallenna työnantaja' }).click();
  await expect(employer.getByText('Työnantaja tallennettiin.')).toBeVisible();

  const placement = form(page, 'Kirjaa harjoittelu tai työ');
  await placement.locator('summary').click();
  await placement.getByLabel('Työnantaja', { exact: true }).selectOption({ label: 'Keittiö Esimerkki Oy' });
  await placement.getByLabel('Muoto').selectOption({ label: 'Työkokeilu' });
  await placement.getByLabel('Alkaa').fill(monthsAgo(0));
  // Nothing is answered for the person: every point of the check must be gone through.
  await placement.getByRole('button', { name: 'Tallenna jakso' }).click();
  await expect(page.locator('.error-summary').getByRole('link')).toHaveCount(6);
  for (const point of [
    'Kirjallinen työsopimus',
    'Työajat ja ylityöt sovitusti ja korvattuina',
    'Henkilöllä on omat asiakirjat ja oma pankkitili',
    'Työnantajalla ei ole yhteyttä hyväksikäyttöön',
  ])
    await placement.getByRole('group', { name: point }).getByLabel('Täyttyy', { exact: true }).check();
  for (const point of ['Palkka vähintään työehtosopimuksen vähimmäispalkka', 'Ei rekrytointimaksua eikä velkaa työnantajalle'])
    await placement.getByRole('group', { name: point }).getByLabel('Ei täyty').check();
  await placement.getByRole('button', { name: 'Tallenna jakso' }).click();
  const saved = page.getByRole('article', { name: 'Työkokeilu: Keittiö Esimerkki Oy' });
  await expect(saved.getByRole('heading', { name: 'Reilun työn tarkistus ei täyty' })).toBeVisible();
  await expect(saved).toContainText('Palkka vähintään työehtosopimuksen vähimmäispalkka; Ei rekrytointimaksua eikä velkaa työnantajalle');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Takaisin asiakastietoihin' }).click();
  await page.getByRole('link', { name: 'Tehtävät', exact: true }).click();
  await expect(page.getByText(/Reilun työn tarkistus ei täyty: toimi yhdessä henkilön kanssa/)).toBeVisible();
});

test('the caseworker reads the distance travelled over their clients, with who is left out and why', async ({ page }) => {
  await logIn(page, 'caseworker');
  await openPathway(page, 'Amina Demo');
  await page.getByRole('link', { name: 'Kuljettu matka' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kuljettu matka' })).toBeVisible();
  await expect(page.getByText(/^Jätetty pois: \d+, joilla on alle kaksi arviota\.$/)).toBeVisible();
  const table = page.getByRole('table', { name: /Ensimmäinen ja viimeisin arvio osa-alueittain/ });
  await expect(table.getByRole('row')).toHaveCount(9);
  await expectNoAxeViolations(page);
});
