import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn } from './support/journey.ts';

/** The guide keeps nothing in the browser and nothing in the address: the answers live in the page. */
async function expectNothingKept(page: Page, context: BrowserContext) {
  const state = await context.storageState({ indexedDB: true });
  expect(state.cookies).toEqual([]);
  expect(state.origins).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  expect(new URL(page.url()).search).toBe('');
}

test('a social worker goes through the guide, is told to look into it further, and consults the assistance system anonymously', async ({
  page,
  context,
}) => {
  await page.goto('/help/fi/guide');
  await expect(page.getByRole('heading', { level: 1, name: 'Ihmiskaupan uhrin tunnistaminen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Varmista turvallisuus' })).toBeVisible();
  await expect(page.getByText('Älä jaa tietoja saattajalle.')).toBeVisible();
  // Eleven signs, none answered for the professional, each with what it can point to.
  const signs = page.locator('fieldset.sign');
  await expect(signs).toHaveCount(11);
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
  const escorted = page.getByRole('group', { name: /Asiakas tulee aina saattajan kanssa/ });
  await expect(escorted).toHaveAccessibleDescription(/ILO:n pakkotyön tunnusmerkit:.*Kontrollin keinot/);
  await expectNoAxeViolations(page);

  await escorted.getByRole('radio', { name: 'Ehkä' }).check();
  await page
    .getByRole('group', { name: /Säähän sopimaton pukeutuminen/ })
    .getByRole('radio', { name: 'Ehkä' })
    .check();
  await page
    .getByRole('group', { name: /Hermostuneisuus/ })
    .getByRole('radio', { name: 'Ei' })
    .check();
  await page.getByRole('button', { name: 'Näytä, mitä seuraavaksi' }).click();
  const result = page.getByRole('region', { name: 'Selvitä tilannetta tarkemmin' });
  await expect(result).toBeFocused();
  await expect(result).toContainText('Konsultoi auttamisjärjestelmää');
  await expect(result).not.toContainText('uhri');
  // The answers are still on the page, and nowhere else.
  await expect(escorted.getByRole('radio', { name: 'Ehkä' })).toBeChecked();
  await expectNothingKept(page, context);

  await result.getByRole('button', { name: 'Konsultoi auttamisjärjestelmää nimettömästi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nimetön konsultaatio' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Asiakas tulee aina saattajan kanssa' })).toContainText('Ehkä');
  await page.getByRole('button', { name: 'Lähetä konsultaatio' }).click();
  await expectErrorSummary(page, [
    'Valitse, missä työskentelet.',
    'Valitse maakunta, jossa työskentelet.',
    'Kirjoita kysymyksesi.',
    'Kirjoita, miten tavoitamme sinut: sähköpostiosoite tai puhelinnumero.',
  ]);
  await expectNoAxeViolations(page);
  await page.getByLabel('Missä työskentelet?').selectOption('social_services');
  await page.getByLabel('Maakunta').selectOption('pirkanmaa');
  await page
    .getByLabel('Kysymyksesi')
    .fill('Asiakas tulee aina saman miehen kanssa eikä puhu itse. Miten voin ottaa asian puheeksi turvallisesti?');
  await page.getByLabel('Miten tavoitamme sinut?').fill('sosiaalityo.tampere@example.fi');
  await page.getByRole('button', { name: 'Lähetä konsultaatio' }).click();
  await expect(page.getByRole('status')).toBeFocused();
  await expect(page.getByRole('status')).toContainText('Konsultaatiosi on perillä.');
  await expectNothingKept(page, context);
});

test('a professional ends the guide in a referral with the person’s consent, and it arrives in the intake queue with the signs', async ({
  page,
  context,
  browser,
}) => {
  await page.goto('/help/en/guide');
  await page
    .getByRole('group', { name: /Documents or money matters are controlled by someone else/ })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await page.getByRole('button', { name: 'Show what to do next' }).click();
  const result = page.getByRole('region', { name: 'Look into this further' });
  await expect(result).toBeFocused();
  await result.getByRole('button', { name: 'Refer the person, with their consent' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "A referral with the person's consent" })).toBeVisible();
  // Identity is asked only now; without consent nothing is sent.
  await page.getByLabel('Name or alias').fill('Mai Tran Guide');
  await page.getByRole('button', { name: 'Send the referral' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Without consent no referral can be made.');
  await expectNoAxeViolations(page);
  await page.getByRole('group', { name: 'Who gave the consent?' }).getByRole('radio', { name: 'the person' }).check();
  await page.getByRole('group', { name: 'How was the consent given?' }).getByRole('radio', { name: 'orally' }).check();
  await page.getByRole('checkbox', { name: /The person has agreed/ }).check();
  await page.getByLabel('Who is referring?').selectOption('municipal_social_worker');
  await page.getByLabel('Your name').fill('Sanna Sosiaalityö');
  await page.getByLabel('How can we reach you?').fill('sanna@example.fi');
  await page.getByRole('button', { name: 'Send the referral' }).click();
  await expect(page.getByRole('status')).toContainText('The referral has arrived at the assistance system.');
  await expectNothingKept(page, context);

  // The caseworker finds it in the intake queue and reads the signs the professional answered.
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const staff = await staffContext.newPage();
  await logIn(staff, 'caseworker');
  await staff.goto('/referrals');
  const searching = staff.getByRole('search', { name: 'Etsi esityksiä' });
  await searching.getByLabel('Nimi', { exact: true }).fill('Mai Tran Guide');
  await searching.getByRole('button', { name: 'Hae' }).click();
  const results = staff.getByRole('region', { name: 'Löydetyt esitykset' });
  await expect(results.getByRole('status')).toHaveText('1 esitys löytyi.');
  await results.getByRole('link', { name: 'Mai Tran Guide' }).click();
  await expect(staff.getByRole('term').filter({ hasText: 'Hälytysmerkit tunnistamisoppaasta' })).toBeVisible();
  await expect(staff.getByText('Asiakirjat tai taloudenhallinta ovat jonkun toisen hallinnassa: Kyllä')).toBeVisible();
  await expect(staff.getByText('sanna@example.fi')).toBeVisible();
  await expectNoAxeViolations(staff);
  await staffContext.close();
});
