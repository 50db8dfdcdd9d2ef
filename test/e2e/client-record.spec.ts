import { expect, test } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

// Each journey logs in more than once; a login may wait for the next authenticator code.
test.describe.configure({ timeout: 180_000 });

test('a caseworker records a client with protected whereabouts, and the director sees who has viewed them', async ({
  page: caseworker,
  browser,
}) => {
  await logIn(caseworker, 'caseworker');
  await navigateTo(caseworker, 'Asiakkaat');
  const form = caseworker.getByRole('region', { name: 'Uusi asiakas' });
  await form.getByRole('button', { name: 'Tallenna asiakas' }).click();
  await expectErrorSummary(caseworker, [
    'Kirjoita asiakkaan nimi tai peitenimi.',
    'Kirjoita syntymäaika (arvio riittää).',
    'Valitse sukupuoli.',
    'Kirjoita kansalaisuus.',
  ]);
  await expect(form.getByLabel('Nimi tai peitenimi')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(caseworker);
  await form.getByLabel('Nimi tai peitenimi').fill('Leila Testi');
  await form.getByLabel('Syntymäaika').fill('4.5.1996');
  await form.getByLabel('Sukupuoli').selectOption({ label: 'Nainen' });
  await form.getByRole('combobox', { name: 'Kansalaisuus' }).fill('Somalia');
  await caseworker.getByRole('option', { name: /^Somalia/ }).click();
  await form.getByLabel('Olinpaikka').fill('Turvakoti, osoite ei saattajalle');
  await form.getByRole('button', { name: 'Tallenna asiakas' }).click();
  await expect(caseworker.getByRole('heading', { level: 1, name: 'Leila Testi' })).toBeVisible();
  await expect(caseworker.getByRole('region', { name: 'Yhteys- ja olinpaikkatiedot' })).toContainText('Turvakoti, osoite ei saattajalle');
  expect(caseworker.url()).not.toContain('Leila');
  await expectNoAxeViolations(caseworker);
  const clientUrl = new URL(caseworker.url()).pathname;

  const director = await (await browser.newContext()).newPage();
  await logIn(director, 'director');
  await director.goto(clientUrl);
  await expect(director.getByRole('heading', { level: 1, name: 'Leila Testi' })).toBeVisible();
  await director.getByRole('navigation', { name: 'Asiakastiedon osat' }).getByRole('link', { name: 'Käsittelyloki' }).click();
  await expect(director.getByRole('heading', { level: 2, name: 'Kuka on käsitellyt tietoja' })).toBeFocused();
  await director.getByRole('button', { name: 'Näytä käsittelyloki' }).click();
  const log = director.getByRole('table', { name: 'Kuka on käsitellyt tietoja' });
  await expect(log.getByRole('row', { name: /Sanna Sosiaaliohjaaja.*Loi asiakkaan/ })).toBeVisible();
  await expect(log.getByRole('row', { name: /Sanna Sosiaaliohjaaja.*Katsoi tietoja/ }).first()).toBeVisible();
  await expect(log.getByRole('row', { name: /Johanna Johtaja.*Katsoi tietoja/ })).toBeVisible();
  await expectNoAxeViolations(director);
});

test('a caseworker outside the case must give a reason before the record opens', async ({ page, browser }) => {
  await logIn(page, 'nurse');
  const director = await (await browser.newContext()).newPage();
  await logIn(director, 'director');
  await director.getByRole('link', { name: 'Asiakkaat' }).first().click();
  await director.getByRole('link', { name: 'Amina Demo' }).click();
  const clientUrl = new URL(director.url()).pathname;
  await page.goto(clientUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Kerro syy tietojen avaamiseen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Syy (kirjataan lokiin)').fill('Terveystarkastuksen ajanvaraus');
  await page.getByRole('button', { name: 'Avaa tiedot' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Amina Demo' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Yhteys- ja olinpaikkatiedot' })).toHaveCount(0);
});
