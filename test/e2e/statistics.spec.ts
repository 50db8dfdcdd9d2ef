import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

/** The day in Helsinki of an instant: a release's date is its Helsinki day, also just after midnight there. */
const helsinkiDay = (instant: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(instant));

const lastYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(new Date())) - 1;

test('the director publishes last year beside the internal form, is refused a correction that corrects nothing, and the open data is that release', async ({
  page,
  request,
}) => {
  await logIn(page, 'director');
  await page.getByRole('button', { name: 'Suomi' }).click();
  await navigateTo(page, 'Tilastot');
  await page.getByRole('link', { name: 'Julkaise vuoden tilastot tai korjaa julkaisua' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tilastojen julkaiseminen' })).toBeVisible();
  // Nothing is chosen for the director: the year is theirs to choose.
  await expect(page.getByLabel('Vuosi')).toHaveValue('');
  await page.getByLabel('Vuosi').selectOption(String(lastYear));
  await page.getByRole('button', { name: 'Näytä julkaistava muoto' }).click();
  // The preview counts the year and protects it with every release on record: it may take a while.
  await expect(page.getByRole('heading', { level: 2, name: `Vuoden ${lastYear} julkaistava muoto` })).toBeVisible({ timeout: 30_000 });
  const sources = page.getByRole('region', { name: 'Esitykset ja hakemukset lähettäjän mukaan' });
  await expect(sources.getByRole('columnheader')).toHaveText(['Luokka', 'Sisäinen', 'Julkinen']);
  // Small counts are in the internal column only.
  const publicColumn = await sources.locator('tbody td:nth-child(3)').allTextContents();
  expect(publicColumn.every((cell) => cell === '–piilotettu' || Number(cell) === 0 || Number(cell) >= 5)).toBe(true);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByRole('button', { name: 'Julkaise', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Julkaistaanko vuoden ${lastYear} tilastot?` })).toBeFocused();
  const confirmation = page.getByRole('region', { name: `Julkaistaanko vuoden ${lastYear} tilastot?` });
  await confirmation.getByRole('button', { name: 'Julkaise', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(`Vuoden ${lastYear} tilastot julkaistiin (julkaisu 1).`);

  // A correction asks why, and one that would correct nothing is refused with nothing published.
  await page.getByLabel('Vuosi').selectOption(String(lastYear));
  await page.getByRole('button', { name: 'Näytä julkaistava muoto' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Vuoden ${lastYear} korjattu julkaisu` })).toBeVisible({ timeout: 30_000 });
  await expect(sources.getByRole('columnheader')).toHaveText(['Luokka', 'Sisäinen', 'Julkinen', 'Nyt julkinen']);
  await page.getByRole('button', { name: 'Julkaise korjaus' }).click();
  await expectErrorSummary(page, ['Kerro korjauksen syy']);
  await page.getByLabel('Korjauksen syy').fill('Tarkistettu');
  await page.getByRole('button', { name: 'Julkaise korjaus' }).click();
  await confirmation.getByRole('button', { name: 'Julkaise korjaus' }).click();
  await expect(page.locator('.error-summary')).toContainText('Korjaus olisi samanlainen kuin voimassa oleva julkaisu');

  // The open data, without logging in, is exactly the release, with its date.
  const staff = await (await page.request.get(`/api/v1/statistics/annual/${lastYear}`)).json();
  const open = await request.get(`/api/v1/public/statistics/${lastYear}`);
  expect(open.headers()['cache-control']).toBe('public, max-age=300');
  const body = await open.json();
  expect(body).toMatchObject({ year: lastYear, version: 1, date: helsinkiDay(staff.release.publishedAt) });
  expect(body.tables).toEqual(staff.tables);
  const csv = await (await request.get(`/api/v1/public/statistics/${lastYear}?format=csv`)).text();
  expect(csv.startsWith('\uFEFFyear,release_version,release_date,table,cell,count\r\n')).toBe(true);

  await page.getByRole('link', { name: 'Takaisin tilastoihin' }).click();
  await expect(page.getByText(/^Julkaisu 1, julkaistu /)).toBeVisible();
});

test('a researcher reads the published statistics in Finnish and Swedish, compares years, downloads and prints them', async ({ page }) => {
  // Two downloads, a PDF and axe at two widths: more than a minute on a busy machine.
  test.setTimeout(120_000);
  await logIn(page, 'researcher');
  // Another journey leaves this account in Swedish; this one reads the report with a Finnish page.
  await page.getByRole('button', { name: 'Suomi' }).click();
  await navigateTo(page, 'Tilastot');
  await expect(
    page.getByRole('heading', {
      level: 2,
      name: `Auttamisjärjestelmän tilastot 1.1.–31.12.${lastYear} / Hjälpsystemets statistik 1.1–31.12.${lastYear}`,
    }),
  ).toBeVisible();
  // A researcher has no choice of form: only the published one exists for them.
  await expect(page.getByRole('group', { name: 'Muoto' })).toHaveCount(0);
  const decisions = page.getByRole('region', { name: 'Auttamisjärjestelmän tekemät päätökset / Beslut som hjälpsystemet fattat' });
  await expect(decisions.getByRole('img', { name: /^Kaavio: Auttamisjärjestelmän tekemät päätökset/ })).toBeVisible();
  await expect(decisions.getByRole('row', { name: /Myönteinen päätös Positivt beslut \d+/ })).toBeVisible();
  for (const cell of await page.locator('td.number').allTextContents())
    expect(cell === '–piilotettu' || Number(cell) === 0 || Number(cell) >= 5, cell).toBe(true);
  await expect(page.getByRole('region', { name: /^Uudet asiakkaat vuosittain/ }).getByRole('img')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Vertaa vuoteen').selectOption(String(lastYear - 1));
  await expect(decisions.getByRole('columnheader', { name: String(lastYear - 1) })).toBeVisible();
  await expect(decisions.getByRole('columnheader', { name: String(lastYear) })).toBeVisible();

  // Year headings are never broken inside a year, however narrow the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const header of await decisions.getByRole('columnheader', { name: /^\d{4}$/ }).all())
    expect(
      await header.evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return range.getClientRects().length;
      }),
    ).toBe(1);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  // The years offered are the years published: the newest is last year, which the director has just published.
  const years = await page.getByLabel('Vuosi').locator('option').allTextContents();
  expect(years[0]).toBe(String(lastYear));
  expect(Number(years[years.length - 1])).toBeGreaterThan(2000);
  // The time series is headed by what it counts, not by a year.
  const series = page.getByRole('region', { name: /^Uudet asiakkaat vuosittain/ });
  await expect(series.getByRole('columnheader').last()).toHaveText('Lukumäärä / Antal');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Lataa CSV (pilkuin eroteltu)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`polku-statistics-${lastYear - 1}-${lastYear}-published.csv`);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith(`\uFEFFTaulukko,Taulukon otsikko,Solu,Luokka,${lastYear - 1},${lastYear}\r\n`)).toBe(true);
  const [semicolon] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Lataa CSV suomalaiseen/ }).click(),
  ]);
  expect(semicolon.suggestedFilename()).toBe(`polku-statistics-${lastYear - 1}-${lastYear}-published-semicolon.csv`);
  const fiCsv = fs.readFileSync((await semicolon.path())!, 'utf8');
  expect(fiCsv.startsWith(`\uFEFFTaulukko;Taulukon otsikko;Solu;Luokka;${lastYear - 1};${lastYear}\r\n`)).toBe(true);

  await page.getByLabel('Raportin kielet').selectOption('en');
  await expect(
    page.getByRole('heading', { level: 2, name: `Statistics of the assistance system 1.1.–31.12.${lastYear - 1} – ${lastYear}` }),
  ).toBeVisible();

  // Printing hides the controls and keeps the report; Chromium makes a PDF of it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByLabel('Vuosi')).toBeHidden();
  await expect(page.getByRole('region', { name: 'Decisions of the assistance system' }).getByRole('table')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
});

test('a caseworker switches to the internal form with a warning, using the keyboard', async ({ page }) => {
  await logIn(page, 'caseworker');
  await page.goto('/statistics');
  await expect(page.getByText('Julkaistava: suojattu julkaisua varten')).toBeVisible();
  await page.getByRole('radio', { name: 'Julkaistava: suojattu julkaisua varten' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Sisäinen: kaikki luvut' })).toBeChecked();
  await expect(page.getByText('Sisäinen muoto näyttää pieniä lukuja')).toBeVisible();
  await expect(page.getByText('–piilotettu')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
