import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

const lastYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(new Date())) - 1;

test('a researcher reads the published statistics in Finnish and Swedish, compares years, downloads and prints them', async ({ page }) => {
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
  // The years offered start at the register's first data and end this year (the year after the last full report).
  const years = await page.getByLabel('Vuosi').locator('option').allTextContents();
  expect(years[0]).toBe(String(lastYear + 1));
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
