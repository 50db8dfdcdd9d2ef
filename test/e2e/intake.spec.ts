import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

/** The Helsinki calendar day `days` from now, as a Finnish date field takes it (24.12.2025). */
const finnishDay = (days: number) =>
  new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** Referrals sent through the API as the logged-in page, as an intake office receives them in a busy year. */
async function referMany(page: Page, names: string[]) {
  await page.evaluate(async (all) => {
    const session = await (await fetch('/api/v1/session')).json();
    const send = (name: string, index: number) =>
      fetch('/api/v1/referrals', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          source: 'police',
          person: { name, birthDate: `19${70 + (index % 30)}-0${1 + (index % 9)}-1${index % 10}`, gender: 'female', nationality: 'UA' },
          consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'in_writing' },
        }),
      }).then((response) => {
        if (response.status !== 201) throw new Error(`referral refused: ${response.status}`);
      });
    for (let start = 0; start < all.length; start += 10)
      await Promise.all(all.slice(start, start + 10).map((name, i) => send(name, start + i)));
  }, names);
}

const given = ['Anna', 'Maria', 'Iryna', 'Tetiana', 'Natalia', 'Svitlana', 'Yulia', 'Olha', 'Kateryna', 'Viktoriia'];
const family = ['Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Boyko', 'Koval', 'Oliynyk', 'Lysenko', 'Rudenko', 'Marchenko'];
const crowd = Array.from({ length: 200 }, (_, index) => `${given[index % 10]} ${family[Math.floor(index / 10) % 10]} ${index}`);

for (const { width, cyrillic, latin } of [
  { width: 1280, cyrillic: 'Оксана Мельник', latin: 'Oksana Melnyk' },
  { width: 390, cyrillic: 'Олена Шевчук', latin: 'Olena Shevchuk' },
]) {
  test(`the director finds one referral among hundreds by name, in another spelling, and decides it (${width} px)`, async ({ page }) => {
    // Two hundred referrals are sent first.
    test.slow();
    await page.setViewportSize({ width, height: 900 });
    await logIn(page, 'director');
    await referMany(page, [...crowd.slice(0, 120), cyrillic, ...crowd.slice(120)]);

    await navigateTo(page, 'Esitykset');
    await expect(page.getByRole('heading', { level: 1, name: 'Saapuneet esitykset' })).toBeVisible();
    const results = page.getByRole('region', { name: 'Löydetyt esitykset' });
    await expect(results.getByRole('status')).toHaveText(/^\d+ esitystä löytyi\.$/);
    const total = Number((await results.getByRole('status').innerText()).split(' ')[0]);
    expect(total).toBeGreaterThan(200);
    // Never a bare dash for a link: a referral without a name says so.
    await expect(results.getByRole('link', { name: '–' })).toHaveCount(0);
    await expect(results.getByRole('row')).toHaveCount(26);
    const pages = page.getByRole('navigation', { name: 'Esitysten sivut' });
    await expect(pages).toContainText(`Sivu 1 / ${Math.ceil(total / 25)}`);
    await pages.getByRole('button', { name: 'Seuraava sivu' }).click();
    await expect(pages).toContainText('Sivu 2 /');
    await expect(pages.getByRole('button', { name: 'Sivu 2', exact: true })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);

    const searching = page.getByRole('search', { name: 'Etsi esityksiä' });
    await searching.getByLabel('Nimi', { exact: true }).fill(latin);
    await searching.getByRole('button', { name: 'Hae' }).click();
    await expect(results.getByRole('status')).toHaveText('1 esitys löytyi.');
    expect(page.url()).not.toContain(latin.split(' ')[0]);
    const row = results.getByRole('row', { name: new RegExp(cyrillic) });
    await expect(row).toContainText('0 päivää');
    await row.getByRole('link', { name: cyrillic }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Esitys: ${cyrillic}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Henkilö' })).toContainText('Ukraina');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    const decision = page.getByRole('region', { name: 'Päätös' });
    await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
    await expectErrorSummary(page, [
      'Valitse, otetaanko henkilö asiakkaaksi vai tehdäänkö kielteinen päätös',
      'Kirjoita päätöksen perustelut',
      'Valitse päätöskirjeen kieli',
    ]);
    await expectNoAxeViolations(page);
    // Nothing starts answered: not the outcome, not the office, not the responsible worker.
    await decision.getByLabel('Ota asiakkaaksi').check();
    await expect(decision.getByLabel('Toimipiste')).toHaveValue('');
    await expect(decision.getByLabel('Vastuutyöntekijä')).toHaveValue('');
    await decision.getByLabel('Kielteinen päätös').check();
    await decision.getByLabel(/Perustelut/).fill('Lyhyt');
    await decision.getByLabel('Päätöskirjeen kieli').selectOption('fi');
    await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
    await expectErrorSummary(page, ['Kirjoita perustelut vähintään yhdellä lauseella (vähintään 10 merkkiä)']);
    await decision.getByLabel(/Perustelut/).fill('Ei merkkejä ihmiskaupasta: henkilö on jo toisen auttamistahon asiakas.');
    await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
    await expect(page.getByRole('status')).toHaveText('Päätös kirjattiin.');
    await expect(page.getByText('Kielteinen', { exact: true })).toBeVisible();

    // Decided, it leaves the queue and is found among the rejected.
    await page.getByRole('link', { name: 'Takaisin esityksiin' }).click();
    await searching.getByLabel('Nimi', { exact: true }).fill(latin);
    await searching.getByRole('button', { name: 'Hae' }).click();
    await expect(results.getByRole('status')).toHaveText('0 esitystä löytyi.');
    await searching.getByLabel('Tila').selectOption({ label: 'Kielteinen' });
    await searching.getByRole('button', { name: 'Hae' }).click();
    await expect(results.getByRole('link', { name: cyrillic })).toBeVisible();
  });
}

test('a caseworker on a phone narrows the queue with filters and orders it by name', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, 'caseworker');
  await referMany(
    page,
    Array.from({ length: 30 }, (_, index) => `${given[index % 10]} Hrytsenko ${index}`),
  );
  await page.goto('/referrals');
  await expect(page.getByRole('heading', { level: 1, name: 'Saapuneet esitykset' })).toBeVisible();
  const searching = page.getByRole('search', { name: 'Etsi esityksiä' });
  const results = page.getByRole('region', { name: 'Löydetyt esitykset' });
  await searching.getByLabel('Nimi', { exact: true }).fill('Tetjana Hrytsenko');
  await searching.getByLabel('Esittäjä').selectOption({ label: 'Poliisi' });
  await searching.getByLabel('Järjestys').selectOption({ label: 'Nimen mukaan' });
  await searching.getByRole('button', { name: 'Hae' }).click();
  await expect(results.getByRole('status')).toHaveText('3 esitystä löytyi.');
  await expect(results.getByRole('row').locator('td:first-child')).toHaveText([
    'Tetiana Hrytsenko 13',
    'Tetiana Hrytsenko 23',
    'Tetiana Hrytsenko 3',
  ]);
  await searching.getByLabel('Ikä').selectOption({ label: 'Alle 18-vuotias' });
  await searching.getByRole('button', { name: 'Hae' }).click();
  await expect(results.getByRole('status')).toHaveText('0 esitystä löytyi.');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});

for (const width of [1280, 390]) {
  test(`a partner refers a person choosing the country and languages by name (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await logIn(page, 'partner');
    await navigateTo(page, 'Esitykset');
    await expect(page.getByRole('heading', { level: 1, name: 'Organisaatiosi lähettämät esitykset' })).toBeVisible();
    await page.getByRole('link', { name: 'Uusi esitys' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Uusi esitys' })).toBeVisible();
    await expect(page).toHaveURL(/\/referrals\/new$/);
    // The partner's own kind of organisation refers; nothing about the person starts answered.
    await expect(page.getByLabel('Esittäjä')).toHaveValue('victim_support');
    await expect(page.getByLabel('Sukupuoli')).toHaveValue('');

    await page.getByRole('button', { name: 'Lähetä esitys' }).click();
    await expectErrorSummary(page, [
      'Kirjoita henkilön nimi tai peitenimi',
      'Kirjoita henkilön syntymäaika tai arvio siitä',
      'Valitse henkilön sukupuoli tai ”Ei tiedossa”',
      'Valitse henkilön kansalaisuus tai ”Ei tiedossa”',
      'Valitse, kuka antoi suostumuksen',
      'Kirjoita, milloin suostumus annettiin',
      'Valitse, miten suostumus annettiin',
    ]);
    await expectNoAxeViolations(page);

    const name = `Halyna Picker ${width}`;
    await page.getByLabel('Nimi tai peitenimi').fill(name);
    await page.getByLabel('Syntymäaika', { exact: true }).fill(finnishDay(400));
    await page.getByLabel('Sukupuoli').selectOption({ label: 'Nainen' });
    const country = page.getByRole('combobox', { name: 'Kansalaisuus' });
    await country.fill('ukrai');
    await expect(page.getByRole('option', { name: /^Ukraina/ })).toBeVisible();
    await country.press('ArrowDown');
    await expect(country).toHaveAttribute('aria-activedescendant', /.+/);
    await country.press('Enter');
    await expect(country).toHaveValue('Ukraina');
    const languages = page.getByRole('combobox', { name: 'Kielet' });
    await languages.fill('Ukrainian');
    await page.getByRole('option', { name: /^ukraina/ }).click();
    await languages.fill('venä');
    await languages.press('ArrowDown');
    await languages.press('Enter');
    await expect(page.getByRole('list', { name: 'Valitut: Kielet' }).getByRole('listitem')).toHaveText([/ukraina/, /venäjä/]);
    await expectNoAxeViolations(page);
    await page.getByLabel('Suostumuksen antaja').selectOption({ label: 'henkilö itse' });
    const when = page.getByRole('group', { name: 'Milloin' });
    await when.getByLabel('Päivämäärä').fill(finnishDay(0));
    await when.getByLabel('Kellonaika').fill('00.01');
    await page.getByLabel('Miten').selectOption({ label: 'suullisesti' });
    await page.getByRole('button', { name: 'Lähetä esitys' }).click();
    await expectErrorSummary(page, ['Syntymäaika ei voi olla tulevaisuudessa']);

    await page.getByLabel('Syntymäaika', { exact: true }).fill('14.3.1994');
    await page.getByRole('button', { name: 'Lähetä esitys' }).click();
    await expect(page.getByRole('status')).toHaveText('Esitys lähetettiin saapuneisiin.');
    await expect(page.getByRole('heading', { level: 1, name: 'Organisaatiosi lähettämät esitykset' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Odottaa päätöstä');
    await expectNoAxeViolations(page);
  });
}
