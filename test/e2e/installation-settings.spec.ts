import { expect, test } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

test('an administrator sets what decision letters say of the sender and the appeal; letters show it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await logIn(page, 'administrator');
  await navigateTo(page, 'Asennuksen tiedot');
  await expect(page.getByRole('heading', { level: 1, name: 'Asennuksen tiedot' })).toBeVisible();
  // The demo installation's details are there to start with.
  await expect(page.getByLabel('Auttamisjärjestelmän nimi ruotsiksi')).toHaveValue('Hjälpsystemet för offer för människohandel');
  await expectNoAxeViolations(page);

  await page.getByLabel('Postiosoite').fill('');
  await page.getByLabel('Valitusviranomaisen nimi englanniksi').fill('');
  await page.getByRole('button', { name: 'Tallenna tiedot' }).click();
  await expectErrorSummary(page, ['Kirjoita postiosoite.', 'Kirjoita valitusviranomaisen nimi englanniksi.']);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByLabel('Postiosoite').fill('Joutsenon vastaanottokeskus\nPL 7\n54101 Joutseno');
  await page.getByLabel('Valitusviranomaisen nimi englanniksi').fill('Administrative Court of Eastern Finland');
  await page.getByLabel('Puhelin').fill('029 54 63 999');
  await page.getByRole('button', { name: 'Tallenna tiedot' }).click();
  await expect(page.getByRole('status')).toHaveText('Tiedot tallennettu. Kirjeet näyttävät ne tästä lähtien.');

  // A director opens a decision letter: it shows the new details.
  const director = await (await browser.newContext()).newPage();
  await logIn(director, 'director');
  const referralId = await director.evaluate(async () => {
    const get = async (url: string) => (await fetch(url, { headers: { accept: 'application/json' } })).json();
    for (const client of (await get('/api/v1/clients')) as Array<{ id: string }>) {
      const record = await get(`/api/v1/clients/${client.id}`);
      const decided = (record.referrals ?? []).find((referral: { outcome: string | null }) => referral.outcome);
      if (decided) return decided.id as string;
    }
    return null;
  });
  expect(referralId).not.toBeNull();
  await director.goto(`/referrals/${referralId}/letter`);
  const letter = director.locator('article.letter');
  await expect(letter.getByRole('group', { name: 'Lähettäjä' })).toContainText('PL 7');
  await expect(letter.getByRole('group', { name: 'Lähettäjä' })).toContainText('029 54 63 999');
  await expect(letter.getByRole('region', { name: 'Muutoksenhakuohje' })).toContainText('Itä-Suomen hallinto-oikeus');
  await expect(letter.getByRole('definition').first()).toHaveText(/^IKU\/\d{4}\/\d{6}$/);
  const reference = await letter.getByRole('definition').first().innerText();
  await director.reload();
  await expect(letter.getByRole('definition').first()).toHaveText(reference);
  await expectNoAxeViolations(director);
});
