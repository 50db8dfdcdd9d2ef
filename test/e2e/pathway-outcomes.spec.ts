import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

test('the director reads the outcome report of the path to work, internal and published, and downloads it', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, 'director');
  await navigateTo(page, 'Tuloksellisuusraportti');
  // The path to work's part of the app and its words load on first use: on a busy machine that takes a while.
  await expect(page.getByRole('heading', { level: 1, name: 'Polku työhön: tuloksellisuusraportti' })).toBeVisible({ timeout: 20_000 });
  const year = await page.getByLabel('Vuosi').inputValue();

  await page.getByLabel('Sisäinen').check();
  await expect(page.getByRole('heading', { level: 2, name: `${year} – Sisäinen` })).toBeVisible();
  const persons = page.getByRole('region', { name: 'Henkilöt polulla työhön ja henkilöt, joilla on suunnitelma' });
  await expect(persons.getByRole('rowheader', { name: 'Polulla työhön' })).toBeVisible();
  // The demo's clients on the path are fewer than five: the internal form counts them, the published hides them.
  const onPath = persons.getByRole('row', { name: /Polulla työhön/ }).getByRole('cell');
  await expect(onPath).toHaveText(/^[1-9]\d*$/);

  await page.getByLabel('Julkaistava').check();
  await expect(page.getByRole('heading', { level: 2, name: `${year} – Julkaistava` })).toBeVisible();
  await expect(page.getByText(/Julkaistavassa muodossa piilotetaan jokainen luku 1–4/)).toBeVisible();
  await expect(onPath).toHaveText(/^(piilotettu|[5-9]|\d{2,})$/);
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lataa CSV (pilkuin)' }).click()]);
  expect(download.suggestedFilename()).toBe(`polku-outcomes-${year}-published.csv`);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith(`\uFEFFTaulukko,Rivi,Sarake,Koodi,${year} (Julkaistava)\r\n`)).toBe(true);
  expect(csv).toMatch(/\r\n[^\r\n]*,persons\.on_path\.persons,(\d*)\r\n/);

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});
