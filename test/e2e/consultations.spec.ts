import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

/** The page is usable at a phone's width: nothing wider than the screen, and axe finds nothing. */
async function checkNarrow(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('an anonymous consultation from the recognition guide arrives and a caseworker answers it', async ({ page, request }) => {
  test.setTimeout(180_000);
  // Posted as the public guide posts it: no session, nothing about the person.
  const sent = await request.post('/api/v1/public/consultations', {
    data: {
      actorType: 'health_care',
      organisation: 'Kainuun terveysasema',
      region: 'kainuu',
      signs: { clothing_unsuited_to_weather: 'yes', nervousness: 'maybe', contradictions_in_story: 'no' },
      question: 'Potilas ei tiedä, missä hän asuu, ja hänen työnantajansa tuo hänet vastaanotolle. Mitä teen?',
      contact: 'Kainuu-lääkäri, 044 987 6543',
      language: 'fi',
    },
  });
  expect(sent.status()).toBe(202);

  await logIn(page, 'caseworker');
  await navigateTo(page, 'Neuvonta ja koulutus');
  await expect(page.getByRole('heading', { level: 1, name: 'Konsultaatiot' })).toBeFocused();
  const row = page.getByRole('row').filter({ hasText: 'Terveydenhuolto' }).filter({ hasText: 'Odottaa vastausta' });
  await expect(row).toHaveCount(1);
  await expectNoAxeViolations(page);
  await checkNarrow(page);

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Konsultaatio' })).toBeFocused();
  await expect(page.getByText('Kainuu-lääkäri, 044 987 6543')).toBeVisible();
  await expect(page.getByText('Säähän sopimaton pukeutuminen: Kyllä')).toBeVisible();
  await expect(page.getByText('Vastausten perusteella tilannetta kannattaa selvittää tarkemmin.')).toBeVisible();
  await page.getByRole('button', { name: 'Tallenna vastaus ja merkitse vastatuksi' }).click();
  await expectErrorSummary(page, ['Täytä kohta ”Vastaus”.', 'Valitse kohtaan ”Aihe” vastaus.', 'Valitse kohtaan ”Mitä seurasi” vastaus.']);
  await expectNoAxeViolations(page);

  await page
    .getByLabel('Vastaus', { exact: true })
    .fill('Soitettu takaisin: tapaa potilas ilman saattajaa, tulkki paikalle; esitys suostumuksella.');
  await page.getByLabel('Aihe').selectOption({ label: 'Työperäinen hyväksikäyttö' });
  await page.getByRole('group', { name: 'Mitä seurasi' }).getByLabel('Neuvonta').check();
  await page.getByRole('button', { name: 'Tallenna vastaus ja merkitse vastatuksi' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Vastaus' })).toBeVisible();
  await expect(page.getByText('Soitettu takaisin: tapaa potilas ilman saattajaa')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tallenna vastaus ja merkitse vastatuksi' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await checkNarrow(page);
});

test('staff record a phone consultation and a training event, and the overview counts them', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, 'caseworker');
  await navigateTo(page, 'Neuvonta ja koulutus');
  await page.getByRole('link', { name: 'Kirjaa konsultaatio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaa konsultaatio' })).toBeFocused();
  await expect(page.getByText('Älä kirjaa sen henkilön nimeä')).toBeVisible();
  const year = new Date().getFullYear();
  await page.getByLabel('Päivämäärä').fill(`5.1.${year}`);
  await page.getByRole('group', { name: 'Kanava' }).getByLabel('Neuvontapuhelin').check();
  await page.getByLabel('Kysyjä').selectOption({ label: 'Rajavartiolaitos' });
  await page.getByLabel('Aihe').selectOption({ label: 'Oleskelu' });
  await page.getByRole('group', { name: 'Mitä seurasi' }).getByLabel('Ohjattiin muualle').check();
  await page.getByLabel('Kesto minuutteina').fill('35');
  await expectNoAxeViolations(page);
  await checkNarrow(page);
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Konsultaatiot' })).toBeFocused();
  await expect(page.getByRole('row').filter({ hasText: 'Rajavartiolaitos' })).toHaveCount(1);

  await page.getByRole('link', { name: 'Koulutukset' }).click();
  await page.getByRole('link', { name: 'Kirjaa koulutus' }).click();
  await page.getByLabel('Päivämäärä').fill(`6.1.${year}`);
  await page.getByLabel('Aihe').selectOption({ label: 'Tunnistaminen' });
  await page.getByLabel('Alue').selectOption({ label: 'Lappi' });
  await page.getByLabel('Osallistujia').fill('5');
  const audience = page.getByRole('group', { name: 'Osallistujat toimijatyypeittäin' });
  await audience.getByLabel('Poliisi').fill('4');
  await audience.getByLabel('Rajavartiolaitos').fill('3');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  // Seven by actor type cannot be among five participants: the server says so beside the field.
  await expectErrorSummary(page, ['”Osallistujia” on pienempi kuin osallistujat toimijatyypeittäin yhteensä.']);
  await page.getByLabel('Osallistujia').fill('7');
  await expectNoAxeViolations(page);
  await checkNarrow(page);
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Koulutukset' })).toBeFocused();
  await expect(page.getByRole('row').filter({ hasText: 'Lappi' })).toContainText('Rajavartiolaitos 3');

  await page.getByRole('link', { name: 'Neuvonnan ja koulutuksen yhteenveto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neuvonnan ja koulutuksen yhteenveto' })).toBeFocused();
  const byActor = page.getByRole('table', { name: 'Toimijatyypeittäin' });
  // The border guard asked once, and three of them were trained at one event.
  await expect(byActor.getByRole('row', { name: /^Rajavartiolaitos/ })).toHaveText(/Rajavartiolaitos\s*1\s*1\s*3/);
  const byMonth = page.getByRole('table', { name: 'Kuukausittain' });
  await expect(byMonth.getByRole('row', { name: /^Tammikuu/ })).toHaveText(/Tammikuu\s*1\s*1\s*7/);
  await expect(page.getByRole('link', { name: 'Lataa Excel (XLSX)' })).toHaveAttribute('href', /format=xlsx/);
  await expectNoAxeViolations(page);
  await checkNarrow(page);
});
