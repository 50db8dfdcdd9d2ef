import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

/** The page is usable at a phone's width: nothing wider than the screen, and axe finds nothing. */
async function checkNarrow(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a coach reads the IKUT programme, makes a group from it with entry requirements and sees its schedule without holidays', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await logIn(page, 'coach');
  await navigateTo(page, 'Työelämävalmennus');
  await expect(page.getByRole('heading', { level: 1, name: 'Työelämävalmennusryhmät' })).toBeFocused();
  // The demo has a finished group and a running one.
  await expect(page.getByRole('link', { name: 'IKUT-ryhmä 1' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'IKUT-ryhmä 2' })).toBeVisible();
  await expectNoAxeViolations(page);
  await checkNarrow(page);

  await page.getByRole('link', { name: 'Valmennusohjelmat' }).click();
  await page.getByRole('link', { name: 'IKUT-työelämävalmennus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'IKUT-työelämävalmennus' })).toBeFocused();
  await expect(page.getByText('10 viikkoa, 4 puolipäivää viikossa')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Tavoitteet' }).locator('xpath=following-sibling::ol[1]').getByRole('listitem'),
  ).toHaveCount(7);
  const plan = page.getByRole('table', { name: 'Suunnitelma viikoittain' });
  await expect(plan.getByRole('row')).toHaveCount(11);
  await expect(plan.getByRole('row').nth(1)).toContainText('Laaja alkukartoitus');
  await expectNoAxeViolations(page);
  await checkNarrow(page);

  await page.getByRole('link', { name: 'Takaisin ohjelmiin' }).click();
  await page.getByRole('link', { name: 'Takaisin ryhmiin' }).click();
  await page.getByRole('link', { name: 'Uusi ryhmä' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi ryhmä' })).toBeFocused();
  await page.getByRole('button', { name: 'Luo ryhmä' }).click();
  await expectErrorSummary(page, [
    'Valitse ohjelma, jota ryhmä noudattaa.',
    'Anna ryhmälle nimi.',
    'Anna ryhmän ensimmäinen päivä.',
    'Anna paikka, jossa ryhmä kokoontuu.',
    'Valitse vähintään yksi opetuskieli.',
    'Anna paikkojen määrä.',
  ]);
  await expectNoAxeViolations(page);
  await checkNarrow(page);

  await page.getByLabel('Ohjelma', { exact: true }).selectOption({ label: 'IKUT-työelämävalmennus' });
  await page.getByLabel('Ryhmän nimi').fill('Syksyn ryhmä');
  await page.getByLabel('Ensimmäinen päivä').fill('30.3.2026');
  await page.getByLabel('Paikka', { exact: true }).fill('Tampere, kirjasto');
  const teaching = page.getByRole('group', { name: 'Opetuskielet' });
  await teaching.getByLabel('suomi').check();
  await teaching.getByLabel('englanti').check();
  await page.getByLabel('Paikkoja').fill('6');
  await page.getByRole('group', { name: 'Yhteistyössä järjestävät kumppanit' }).getByLabel('Monika-Naiset liitto').check();
  await page.getByLabel('Vain naisille').check();
  const required = page.getByRole('group', { name: 'Vaadittu kieli' });
  await required.getByLabel('suomi').check();
  await required.getByLabel('englanti').check();
  // A language required without its level is caught before sending.
  await page.getByRole('button', { name: 'Luo ryhmä' }).click();
  await expectErrorSummary(page, ['Valitse vaaditun kielen taso.']);
  await page.getByLabel('Vähintään tasolla').selectOption({ label: 'kohtalainen' });
  await page.getByLabel('Lukee ja kirjoittaa latinalaisia aakkosia').check();
  await page.getByRole('button', { name: 'Luo ryhmä' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Syksyn ryhmä' })).toBeFocused();
  const requirements = page.getByRole('region', { name: 'Osallistumisen edellytykset' });
  await expect(requirements.getByRole('listitem')).toHaveText([
    'Vain naisille',
    'Puhuu kieltä suomi tai englanti vähintään tasolla: kohtalainen',
    'Lukee ja kirjoittaa latinalaisia aakkosia',
  ]);
  await expect(page.getByText('Monika-Naiset liitto')).toBeVisible();
  await expectNoAxeViolations(page);
  await checkNarrow(page);

  // The schedule: forty half-days from Monday 30 March 2026, Easter Monday (6.4.) and Ascension Day (14.5.) skipped.
  const schedule = page.getByRole('region', { name: 'Aikataulu' }).getByRole('table');
  await expect(schedule.getByRole('row')).toHaveCount(41);
  await expect(schedule.getByRole('row').nth(1)).toContainText('maanantai 30.3.2026');
  await expect(schedule.getByRole('row').nth(1)).toContainText('Laaja alkukartoitus');
  await expect(schedule).not.toContainText('maanantai 6.4.2026');
  await expect(schedule).not.toContainText('torstai 14.5.2026');
  await expect(schedule).toContainText('tiistai 7.4.2026');

  // A session moved onto a holiday is refused with the reason; moved to another day it says where it came from.
  await page.getByLabel('Kerta', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Päivä', { exact: true }).fill('6.4.2026');
  await page.getByLabel('Alkaa klo').fill('12.30');
  await page.getByLabel('Opettaja tai vierailija').fill('Työsuojelutarkastaja');
  await page.getByRole('button', { name: 'Tallenna kerta' }).click();
  await expectErrorSummary(page, ['Kohdan ”Päivä” päivä on yleinen vapaapäivä. Valitse toinen päivä.']);
  await page.getByLabel('Päivä', { exact: true }).fill('31.3.2026');
  await page.getByRole('button', { name: 'Tallenna kerta' }).click();
  await expect(page.getByRole('status')).toHaveText('Kerta 1 muutettu.');
  // Sessions are in order of day and time: the moved one now follows the morning's.
  const moved = schedule.getByRole('row').nth(2);
  await expect(moved).toContainText('tiistai 31.3.2026 (siirretty päivästä 30.3.2026)');
  await expect(moved).toContainText('12:30');
  await expect(moved).toContainText('Työsuojelutarkastaja');
  await expectNoAxeViolations(page);
  await checkNarrow(page);
});

test('a coach enrols participants, one refused by a requirement and one waiting, enters a week’s attendance by keyboard, assesses goals, and the report shows them; the psychologist’s meeting stays hidden from the coach', async ({
  page,
  browser,
}) => {
  test.setTimeout(400_000);
  await logIn(page, 'coach');
  await page.goto('/coaching/groups/new');
  await page.getByLabel('Ohjelma', { exact: true }).selectOption({ label: 'IKUT-työelämävalmennus' });
  await page.getByLabel('Ryhmän nimi').fill('Kevään ryhmä');
  await page.getByLabel('Ensimmäinen päivä').fill('2.3.2026');
  await page.getByLabel('Paikka', { exact: true }).fill('Helsinki');
  await page.getByRole('group', { name: 'Opetuskielet' }).getByLabel('suomi').check();
  await page.getByLabel('Paikkoja').fill('1');
  await page.getByLabel('Vain naisille').check();
  await page.getByRole('button', { name: 'Luo ryhmä' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kevään ryhmä' })).toBeFocused();

  const addPerson = async (name: string, gender: string) => {
    await page.getByRole('link', { name: 'Uusi osallistuja' }).click();
    await page.getByLabel('Nimi', { exact: true }).fill(name);
    await page.getByLabel('Sukupuoli').selectOption({ label: gender });
    await page.getByLabel('Henkilö on suostunut osallistumaan').check();
    await page.getByLabel('Suostumuksen päivä').fill('20.2.2026');
    await page.getByLabel('Ryhmään alkaen').fill('2.3.2026');
    await page.getByRole('button', { name: 'Kirjaa osallistuja' }).click();
  };
  await addPerson('Amina Demo', 'Nainen');
  const participants = page.getByRole('region', { name: 'Osallistujat' });
  await expect(participants.getByRole('row', { name: /Amina Demo/ })).toContainText('Ryhmässä');
  await addPerson('Boris Demo', 'Mies');
  await expect(page.getByRole('alert')).toContainText('Henkilöä ei otettu ryhmään: hän ei täytä ryhmän edellytystä ”Vain naisille”');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Takaisin ryhmään' }).click();
  await addPerson('Chen Demo', 'Nainen');
  await expect(participants.getByRole('row', { name: /Chen Demo/ })).toContainText('Jonossa');
  await expect(participants.getByRole('row', { name: /Boris Demo/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The first week's four sessions, each marked by keyboard: focus, arrows, Enter.
  await participants.getByRole('link', { name: 'Läsnäolo' }).click();
  const sessionChoice = page.getByRole('combobox', { name: 'Kerta' });
  for (const [index, presses] of [
    [1, []],
    [2, ['ArrowDown']],
    [3, ['ArrowDown', 'ArrowDown']],
    [4, []],
  ] as const) {
    await sessionChoice.selectOption({ index });
    const present = page.getByRole('group', { name: 'Amina Demo' }).getByLabel('Läsnä', { exact: true });
    await present.focus();
    await page.keyboard.press('Space');
    for (const key of presses) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Läsnäolo tallennettu.');
  }
  await expect(page.getByRole('row', { name: /Amina Demo/ })).toContainText('75 %');
  await expectNoAxeViolations(page);

  // Goals at the start and at the end, in the person's own view, on a scale of plain words.
  await page.getByRole('link', { name: 'Takaisin ryhmään' }).click();
  await participants.getByRole('link', { name: 'Amina Demo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Amina Demo' })).toBeFocused();
  const goals = page.getByRole('form', { name: /^Tavoitteet:/ });
  for (const [phase, score] of [
    ['Alussa', '1 – Ei vielä'],
    ['Lopussa', '3 – Melko hyvin'],
  ] as const) {
    await goals.getByLabel(phase).check();
    await goals.getByLabel('Osallistuja').check();
    const answers = goals.getByLabel(score);
    for (let i = 0; i < 7; i++) await answers.nth(i).check();
    await goals.getByRole('button', { name: 'Tallenna tavoitteet' }).click();
    await expect(page.getByRole('status')).toHaveText('Tallennettu.');
  }
  await expectNoAxeViolations(page);

  // The health professional records a psychologist's meeting.
  const nurseContext = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'fi-FI' });
  const nursePage = await nurseContext.newPage();
  await logIn(nursePage, 'nurse');
  await navigateTo(nursePage, 'Valmennuksen osallistujat');
  await nursePage.getByRole('link', { name: 'Amina Demo' }).click();
  await nursePage.getByLabel('Päivä', { exact: true }).fill('5.3.2026');
  await nursePage.getByLabel('Muistiinpanot').fill('Nukkuu huonosti muuton jälkeen.');
  await nursePage.getByRole('button', { name: 'Kirjaa tapaaminen' }).click();
  await expect(nursePage.getByText('Nukkuu huonosti muuton jälkeen.')).toBeVisible();
  await expectNoAxeViolations(nursePage);
  await nurseContext.close();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Amina Demo' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Psykologin tapaamiset' })).toHaveCount(0);
  await expect(page.getByText('Nukkuu huonosti')).toHaveCount(0);

  // The follow-up at three months is waiting as a task; the report shows attendance and the goals' change.
  await page.goto('/coaching/tasks');
  await expect(page.getByRole('listitem').filter({ hasText: 'Amina Demo' }).first()).toContainText('Seuranta 3 kk');
  await expectNoAxeViolations(page);
  await page.goto('/coaching');
  await page.getByRole('link', { name: 'Kevään ryhmä' }).click();
  await page.getByRole('link', { name: 'Raportti' }).click();
  await expect(page.getByRole('heading', { name: 'Sisäinen versio' })).toBeVisible();
  await expect(page.getByText('Läsnäolo (%)').locator('xpath=following-sibling::dd[1]')).toHaveText('75');
  const goalRows = page.getByRole('table', { name: /Tavoitteet/ }).getByRole('row');
  await expect(goalRows.nth(1)).toContainText('1');
  await expect(goalRows.nth(1)).toContainText('3');
  await expectNoAxeViolations(page);
  await checkNarrow(page);

  // Her own schedule in plain words, to print and hand over: no names on it.
  await page.getByRole('link', { name: 'Takaisin ryhmään' }).click();
  await participants.getByRole('link', { name: 'Amina Demo' }).click();
  await page.getByRole('link', { name: 'Osallistujan oma aikataulu tulostettavaksi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Osallistujan oma aikataulu' })).toBeFocused();
  const first = page.getByRole('region', { name: 'Valmennuksen aikataulu' }).getByRole('listitem').first();
  await expect(first).toContainText('Maanantai 2.3.2026');
  await expect(first).toContainText(/Kello \d+\.\d\d–\d+\.\d\d\./);
  await expect(first).toContainText('Paikka: Helsinki.');
  await expect(first).toContainText('Tutustumme toisiimme.');
  await expect(page.getByRole('region', { name: 'Valmennuksen aikataulu' })).not.toContainText('Amina');
  await expectNoAxeViolations(page);
  await checkNarrow(page);
  await page.getByLabel('Aikataulun kieli').selectOption('en');
  await expect(page.getByRole('region', { name: 'Your coaching schedule' }).getByRole('listitem').first()).toContainText('Monday');
  await expectNoAxeViolations(page);

  // She leaves: a last day before she joined is refused and explained; then the one waiting takes her place.
  await page.getByRole('link', { name: 'Takaisin osallistujaan' }).click();
  // Her languages as they are now; a language without its level is caught before sending.
  const languages = page.getByRole('form', { name: 'Kielet' });
  const firstLanguage = languages.getByRole('group', { name: 'Kieli 1' });
  await firstLanguage.getByLabel('Kieli', { exact: true }).selectOption({ label: 'englanti' });
  await languages.getByRole('button', { name: 'Tallenna kielet' }).click();
  await expectErrorSummary(page, ['Valitse kielen taso.']);
  await expectNoAxeViolations(page);
  await firstLanguage.getByLabel('Taso').selectOption({ label: 'hyvä' });
  await languages.getByRole('button', { name: 'Tallenna kielet' }).click();
  await expect(page.getByRole('status')).toHaveText('Tallennettu.');
  await expect(page.getByText('englanti (hyvä)')).toBeVisible();

  const leaving = page.getByRole('form', { name: /^Lähtee ryhmästä/ });
  await leaving.getByRole('button', { name: 'Kirjaa lähtö' }).click();
  await expectErrorSummary(page, ['Anna viimeinen päivä ryhmässä.', 'Valitse, miksi henkilö lähtee.']);
  await leaving.getByLabel('Viimeinen päivä ryhmässä').fill('1.3.2026');
  await leaving.getByLabel('Sai työpaikan').check();
  await leaving.getByRole('button', { name: 'Kirjaa lähtö' }).click();
  const confirm = page.getByRole('region', { name: /^Kirjataanko/ });
  await confirm.getByRole('button', { name: 'Kirjaa lähtö' }).click();
  await expectErrorSummary(page, ['”Viimeinen päivä ryhmässä” on ennen kuin henkilö tuli ryhmään.']);
  await leaving.getByLabel('Viimeinen päivä ryhmässä').fill('5.3.2026');
  await leaving.getByRole('button', { name: 'Kirjaa lähtö' }).click();
  await confirm.getByRole('button', { name: 'Kirjaa lähtö' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kirjattu' })).toContainText('Jonossa seuraava sai paikan 9.3.2026 alkaen.');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Kevään ryhmä' }).click();
  await expect(participants.getByRole('row', { name: /Chen Demo/ })).toContainText('Ryhmässä');
  await expect(participants.getByRole('row', { name: /Amina Demo/ })).toContainText('Lähtenyt 5.3.2026 (Sai työpaikan)');
  await checkNarrow(page);
});
