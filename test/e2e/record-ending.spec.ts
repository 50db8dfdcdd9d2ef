import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn } from './support/journey.ts';

/** The Helsinki calendar day `days` from now, as people in Finland write it (24.12.2025). */
const inDays = (days: number) => {
  const [year, month, day] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' })
    .format(new Date(Date.now() + days * 86_400_000))
    .split('-');
  return `${Number(day)}.${Number(month)}.${year}`;
};

const sections = (page: Page) => page.getByRole('navigation', { name: 'Asiakastiedon osat' });
const header = (page: Page) => page.getByRole('region', { name: 'Asia yhdellä silmäyksellä' });

for (const { width, height, label } of [
  { width: 1280, height: 900, label: 'on a desktop' },
  { width: 390, height: 844, label: 'on a phone' },
]) {
  test(`the record's forms explain their errors; assistance ends after a confirmation, the record is read-only, and a director reopens it (${label})`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const name = `Ilona Päättyvä ${width}`;
    const caseworker = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await logIn(caseworker, 'caseworker');
    await caseworker.goto('/clients');
    const create = caseworker.getByRole('region', { name: 'Uusi asiakas' });
    await create.getByLabel('Nimi tai peitenimi').fill(name);
    await create.getByLabel('Syntymäaika').fill('3.2.1990');
    await create.getByLabel('Sukupuoli').selectOption({ label: 'Nainen' });
    await create.getByRole('combobox', { name: 'Kansalaisuus' }).fill('Ukraina');
    await caseworker.getByRole('option', { name: /^Ukraina/ }).click();
    await create.getByRole('button', { name: 'Tallenna asiakas' }).click();
    await expect(caseworker.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(header(caseworker)).toContainText('Asiakas');
    await expectNoAxeViolations(caseworker);

    // A note: empty, then sent; the form closes and says so.
    await sections(caseworker).getByRole('link', { name: 'Muistiinpanot' }).click();
    const notes = caseworker.getByRole('region', { name: 'Muistiinpanot' });
    await notes.getByRole('button', { name: 'Lisää muistiinpano' }).click();
    await notes.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
    await expectErrorSummary(caseworker, ['Valitse, kuka saa lukea muistiinpanon.', 'Kirjoita muistiinpano.']);
    await expectNoAxeViolations(caseworker);
    await notes.getByLabel('Luottamuksellisuus').selectOption({ label: 'Tavallinen' });
    await notes.getByLabel('Muistiinpano', { exact: true }).fill('Ensitapaaminen tulkin kanssa.');
    await notes.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
    await expect(notes.getByRole('status')).toHaveText('Muistiinpano lisättiin.');
    await expect(notes).toContainText('Ensitapaaminen tulkin kanssa.');
    await expect(notes.getByRole('button', { name: 'Lisää muistiinpano' })).toBeFocused();

    // A service: empty, then requested "tomorrow" (refused by the server at the field), then planned for next week.
    await sections(caseworker).getByRole('link', { name: 'Asia ja palvelut' }).click();
    const services = caseworker.getByRole('region', { name: 'Lakisääteiset palvelut' });
    await services.getByRole('button', { name: 'Lisää palvelu' }).click();
    await services.getByRole('button', { name: 'Tallenna palvelu' }).click();
    await expectErrorSummary(caseworker, ['Valitse palvelu.', 'Kirjoita päivä, jona palvelua pyydettiin.']);
    await services.getByLabel('Palvelu', { exact: true }).selectOption({ label: 'Terveyspalvelut' });
    await services.getByLabel('Pyydetty', { exact: true }).fill(inDays(1));
    await services.getByRole('button', { name: 'Tallenna palvelu' }).click();
    await expectErrorSummary(caseworker, ['Kohdan ”Pyydetty” päivämäärä ei voi olla tulevaisuudessa.']);
    await services.getByLabel('Pyydetty', { exact: true }).fill(inDays(0));
    await services.getByLabel('Järjestetty', { exact: true }).fill(inDays(7));
    await services.getByRole('button', { name: 'Tallenna palvelu' }).click();
    await expect(services.getByRole('status')).toHaveText('Palvelu lisättiin.');
    await expect(services.getByRole('table')).toContainText(`Suunniteltu ${inDays(7)}`);
    await expectNoAxeViolations(caseworker);

    // A reflection period: empty, then ending before it starts, then right.
    await sections(caseworker).getByRole('link', { name: 'Harkinta-aika ja tunnistaminen' }).click();
    const reflection = caseworker.getByRole('region', { name: 'Harkinta-ajat' });
    await reflection.getByRole('button', { name: 'Myönnä harkinta-aika' }).click();
    await reflection.getByRole('button', { name: 'Tallenna harkinta-aika' }).click();
    await expectErrorSummary(caseworker, [
      'Valitse, kuka harkinta-ajan myönsi.',
      'Kirjoita harkinta-ajan ensimmäinen päivä.',
      'Kirjoita harkinta-ajan viimeinen päivä.',
    ]);
    await reflection.getByLabel('Myöntäjä').selectOption({ label: 'Auttamisjärjestelmä' });
    await reflection.getByLabel('Alkaa', { exact: true }).fill(inDays(-3));
    await reflection.getByLabel('Päättyy', { exact: true }).fill(inDays(-5));
    await reflection.getByRole('button', { name: 'Tallenna harkinta-aika' }).click();
    await expectErrorSummary(caseworker, ['Viimeinen päivä ei voi olla ennen ensimmäistä.']);
    await reflection.getByLabel('Päättyy', { exact: true }).fill(inDays(60));
    await reflection.getByRole('button', { name: 'Tallenna harkinta-aika' }).click();
    await expect(reflection.getByRole('status')).toHaveText('Harkinta-aika myönnettiin.');
    await expect(header(caseworker)).toContainText(`Päättyy ${inDays(60)}`);

    // Ending assistance: empty, then the confirmation says what it closes.
    await sections(caseworker).getByRole('link', { name: 'Asia ja palvelut' }).click();
    const ending = caseworker.getByRole('region', { name: 'Auttamisen päättyminen' });
    await ending.getByRole('button', { name: 'Päätä auttaminen' }).click();
    await ending.getByRole('button', { name: 'Päätä auttaminen' }).click();
    await expectErrorSummary(caseworker, ['Valitse, miksi auttaminen päättyy.']);
    await ending.getByLabel('Syy').selectOption({ label: 'Ei enää tarvetta' });
    await ending.getByRole('button', { name: 'Päätä auttaminen' }).click();
    const confirmation = caseworker.getByRole('region', { name: 'Päätetäänkö auttaminen?' });
    await expect(confirmation.getByRole('heading', { name: 'Päätetäänkö auttaminen?' })).toBeFocused();
    await expect(confirmation).toContainText('keskeytetään tänään');
    await expect(confirmation).toContainText('Vain johtaja voi avata auttamisen uudelleen.');
    await expectNoAxeViolations(caseworker);
    await confirmation.getByRole('button', { name: 'Päätä auttaminen' }).click();

    await expect(header(caseworker)).toContainText('Auttaminen päättynyt');
    await expect(header(caseworker)).toContainText(`Auttaminen päättyi ${inDays(0)}: Ei enää tarvetta.`);
    await expect(header(caseworker)).toContainText('Ei voimassa olevaa harkinta-aikaa');
    await expect(services.getByRole('button', { name: 'Lisää palvelu' })).toHaveCount(0);
    await expect(services.getByRole('button', { name: 'Päivitä' })).toHaveCount(0);
    await expect(ending.getByRole('button', { name: 'Päätä auttaminen' })).toHaveCount(0);
    await expect(header(caseworker).getByRole('button', { name: 'Avaa auttaminen uudelleen' })).toHaveCount(0);
    await sections(caseworker).getByRole('link', { name: 'Harkinta-aika ja tunnistaminen' }).click();
    await expect(caseworker.getByRole('button', { name: 'Myönnä harkinta-aika' })).toHaveCount(0);
    await expect(caseworker.getByRole('button', { name: 'Pyydä virallista tunnistamista' })).toHaveCount(0);
    await sections(caseworker).getByRole('link', { name: 'Muistiinpanot' }).click();
    await expect(caseworker.getByRole('button', { name: 'Lisää muistiinpano' })).toBeVisible();
    await expectNoAxeViolations(caseworker);
    const clientUrl = new URL(caseworker.url()).pathname;

    // The director reopens it, with a reason.
    const director = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await logIn(director, 'director');
    await director.goto(clientUrl);
    await director.getByRole('button', { name: 'Avaa auttaminen uudelleen' }).click();
    await director.getByRole('button', { name: 'Avaa auttaminen uudelleen' }).click();
    await expectErrorSummary(director, ['Kerro, miksi auttaminen avataan uudelleen.']);
    await director.getByLabel('Miksi auttaminen avataan uudelleen?').fill('Asiakas tarvitsee taas tukea.');
    await director.getByRole('button', { name: 'Avaa auttaminen uudelleen' }).click();
    await expect(header(director)).toContainText('Asiakas');
    await expect(header(director)).not.toContainText('Auttaminen päättynyt');
    await sections(director).getByRole('link', { name: 'Aikajana' }).click();
    const timeline = director.getByRole('region', { name: 'Aikajana' });
    await expect(timeline.getByRole('listitem').first()).toContainText('Auttaminen avattiin uudelleen');
    await expect(timeline).toContainText(`${inDays(0)} Palvelua pyydetty`);
    await expectNoAxeViolations(director);
  });
}
