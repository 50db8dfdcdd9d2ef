import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

const studyName = 'Ulkomaalaistaustaisten ihmiskaupan uhrien työllistyminen';

/** At a phone's width the page must not scroll sideways, and axe finds nothing there either. */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function openStudy(page: Page) {
  await navigateTo(page, 'Tutkimukset');
  await page.getByRole('link', { name: studyName }).click();
  await expect(page.getByRole('heading', { level: 1, name: studyName })).toBeVisible();
}

/** Selects, by keyboard only, the transcript's last words in the read-only text box: to the end, then word by word back with Shift. */
async function selectLastWordsByKeyboard(page: Page, words: number) {
  await page.getByLabel('Litterointi', { exact: true }).focus();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < words; i++) await page.keyboard.press('Control+Shift+ArrowLeft');
}

async function codeSelectionByKeyboard(page: Page, code: string) {
  await page.getByRole('checkbox', { name: code }).first().focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Koodaa valinta' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Koodattu:');
}

test('researchers import a pseudonymised transcript, code it by keyboard, compare their coding, drill into the matrix, and a withdrawal leaves the export', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await logIn(page, 'researcher');
  await openStudy(page);

  // A participant with consent that covers quotations.
  await page.getByRole('link', { name: 'Osallistujat ja suostumukset' }).click();
  const adding = page.getByRole('region', { name: 'Uusi osallistuja' });
  await adding.getByLabel('Organisaation tyyppi').selectOption({ label: 'Järjestö' });
  await adding.getByLabel('Nimi').fill('Päivi Testinen');
  await adding.getByRole('button', { name: 'Lisää osallistuja' }).click();
  const added = await page.getByRole('status').textContent();
  const code = /P\d+/.exec(added ?? '')![0];
  const card = page.getByRole('region', { name: code, exact: true });
  await card.getByText(`Kirjaa osallistujan ${code} suostumus`).click();
  await card.getByLabel('Tiedotteen versio').fill('1.0');
  await card.getByLabel('Suostumuslomakkeen versio').fill('1.0');
  await card.getByLabel('Suostumuksen antopäivä').fill('2.3.2026');
  await card.getByLabel('Kirjallisesti allekirjoittaen').check();
  await card.getByLabel('Lainauksiin niin, ettei häntä tunnisteta').check();
  await card.getByRole('button', { name: 'Kirjaa suostumus' }).click();
  await expect(page.getByRole('status')).toHaveText(`Osallistujan ${code} suostumus kirjattiin.`);

  // The interview and its transcript: names found are proposed, and replaced only where the researcher ticks them.
  await page.getByRole('link', { name: /^Takaisin tutkimukseen/ }).click();
  await page.getByRole('link', { name: 'Haastattelut ja litteroinnit' }).click();
  const interview = page.getByRole('region', { name: 'Uusi haastattelu' });
  await interview.getByLabel('Osallistuja').selectOption({ label: `${code} (Järjestö)` });
  await interview.getByLabel('Haastattelupäivä').fill('10.3.2026');
  await interview.getByLabel('Haastattelutapa').selectOption({ label: 'Videopuhelu' });
  await interview.getByRole('button', { name: 'Kirjaa haastattelu' }).click();
  await expect(page.getByRole('status')).toHaveText('Haastattelu kirjattiin.');
  await page.getByText(`Tuo osallistujan ${code} litterointi`).click();
  const transcript = [
    'Haastattelija: Kerro työstäsi.',
    'Haastateltava: Olen Päivi ja autan asiakkaita 😊 järjestössä.',
    'Haastateltava: Asiakkaani Ahmed Karimi ei saanut töitä, koska kielitaito puuttui.',
  ].join('\r\n');
  await page
    .getByLabel('Litterointitiedosto')
    .setInputFiles({ name: 'haastattelu.txt', mimeType: 'text/plain', buffer: Buffer.from(transcript) });
  await page.getByRole('button', { name: 'Lue tiedosto' }).click();
  await expect(page.getByRole('group', { name: /^Ahmed Karimi \(henkilö/ })).toBeVisible();
  await expect(page.getByLabel('Koodi nimelle ”Päivi”')).toHaveValue(`[${code}]`);
  await expectNoAxeViolations(page);
  await page.getByLabel('Korvaa ”Päivi”').check();
  await page.getByLabel('Korvaa ”Ahmed Karimi”').check();
  await page.getByRole('button', { name: 'Tallenna litterointi' }).click();
  await expect(page.getByRole('status')).toHaveText(`Osallistujan ${code} litterointi tallennettiin.`);

  // A theme for RQ1 with a code under it.
  await page
    .getByRole('link', { name: 'Haastattelut ja litteroinnit' })
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await page.getByRole('link', { name: `Osallistujan ${code} litterointi` }).click();
  await expect(page.getByLabel('Litterointi', { exact: true })).toHaveValue(/Olen \[P\d+\] ja autan/);
  await expect(page.getByLabel('Litterointi', { exact: true })).toHaveValue(/Asiakkaani \[henkilö 1\] ei/);
  const transcriptUrl = page.url();
  await page.getByRole('link', { name: 'Koodikirja' }).click();
  const newCode = page.getByRole('region', { name: 'Uusi koodi' });
  await newCode.getByLabel('Nimi').fill('Esteet');
  await newCode.getByLabel('Tutkimuskysymys, johon teema vastaa').selectOption({ index: 1 });
  await newCode.getByRole('button', { name: 'Lisää koodi' }).click();
  await expect(page.getByRole('status')).toHaveText('Koodi lisättiin.');
  await newCode.getByLabel('Nimi').fill('Kielitaito');
  await newCode.getByLabel('Koodin alla').selectOption({ label: 'Esteet' });
  await newCode.getByRole('button', { name: 'Lisää koodi' }).click();
  await expect(page.getByText('Kielitaito', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // Coding by keyboard: the third line, then its code and the button.
  await page.goto(transcriptUrl);
  await selectLastWordsByKeyboard(page, 9);
  await codeSelectionByKeyboard(page, 'Esteet › Kielitaito');
  await expect(page.getByRole('region', { name: 'Koodatut kohdat' }).getByRole('listitem')).toHaveCount(1);
  await page.getByText('Muuta tätä kohtaa').click();
  await page.getByLabel('Käytä sitaattina raportissa').check();
  await page.getByRole('button', { name: 'Tallenna kohta' }).click();
  await expect(page.getByRole('status')).toHaveText('Kohta muutettiin.');
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);

  // The second researcher codes the same transcript, a little differently.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await logIn(page, 'researcher2');
  await page.goto(transcriptUrl);
  await selectLastWordsByKeyboard(page, 3);
  await codeSelectionByKeyboard(page, 'Esteet › Kielitaito');

  // Their agreement, on characters, and where they differ side by side.
  await page.getByRole('link', { name: 'Koodikirja' }).click();
  await page.getByRole('link', { name: /^Takaisin tutkimukseen/ }).click();
  await page.getByRole('link', { name: 'Koodaajien yhtäpitävyys' }).click();
  await page.getByLabel('Litterointi').selectOption({ index: 1 });
  await page.getByLabel('Ensimmäinen koodaaja').selectOption({ label: 'Tuomas Tutkija' });
  await page.getByLabel('Toinen koodaaja').selectOption({ label: 'Tiina Toinen' });
  await page.getByRole('button', { name: 'Vertaa' }).click();
  const agreement = page.getByRole('table', { name: 'Yhtäpitävyys koodeittain: Tuomas Tutkija ja Tiina Toinen' });
  await expect(agreement.getByRole('row', { name: /Kielitaito/ })).toContainText('%');
  await expect(page.getByRole('table', { name: 'Erot' }).getByRole('row')).toHaveCount(2);
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);

  // The matrix drills down to the quotation, with the participant's code and organisation type.
  await page.getByRole('link', { name: /^Takaisin tutkimukseen/ }).click();
  await page.getByRole('link', { name: 'Teemat organisaatiotyypeittäin' }).click();
  await page.getByRole('button', { name: /^2 kohtaa, 1 osallistujaa: näytä Esteet, Järjestö/ }).click();
  const quotations = page.getByRole('heading', { name: 'Esteet, Järjestö' });
  await expect(quotations).toBeFocused();
  await expect(page.locator('.quotations blockquote').first()).toContainText('ei saanut töitä, koska kielitaito puuttui.');
  await expect(page.getByText(`${code}, Järjestö`).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsPhone(page);

  // The participant withdraws: the next export has neither them nor what they said.
  await page.getByRole('link', { name: /^Takaisin tutkimukseen/ }).click();
  await page.getByRole('link', { name: 'Osallistujat ja suostumukset' }).click();
  await card.getByText(`Kirjaa osallistujan ${code} vetäytyminen`).click();
  await card.getByLabel('Vetäytymispäivä').fill('1.4.2026');
  await card.getByRole('button', { name: `Poista ${code} tutkimuksesta` }).click();
  await card
    .getByRole('button', { name: `Poista ${code} tutkimuksesta` })
    .last()
    .click();
  await expect(page.getByRole('status')).toHaveText(`${code} on vetäytynyt; hänen aineistonsa poistettiin tutkimuksesta.`);
  await page.getByRole('link', { name: /^Takaisin tutkimukseen/ }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lataa projekti (QDPX)' }).click();
  const archive = unzipSync(new Uint8Array(fs.readFileSync((await (await downloading).path())!)));
  const everything = Object.values(archive)
    .map((file) => strFromU8(file))
    .join('\n');
  expect(everything).toContain('<Project');
  expect(everything).not.toContain(`name="${code}"`);
  expect(everything).not.toContain('kielitaito puuttui');
});
