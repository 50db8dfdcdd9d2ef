import { expect, test } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

// Each journey logs in more than once; a login may wait for the next authenticator code.
test.describe.configure({ timeout: 180_000 });

/** The Helsinki calendar day `days` from now, as the server counts days. */
const inDays = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + days * 86_400_000));

test('a person refers themself in Arabic, leaving no cookie; the quick exit leaves the page', async ({ page, context }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).origin));
  await page.goto('/help/ar/ask');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'اطلب المساعدة' })).toBeVisible();
  await page.getByRole('button', { name: 'إرسال' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByLabel('الاسم', { exact: true }).fill('Layla Polku');
  await page.getByLabel('سنة الميلاد').fill('1999');
  await page.getByRole('radio', { name: 'لا تتصلوا بي، سأتصل بكم' }).check();
  await page.getByLabel('أنا في خطر أو مُهدَّد الآن').check();
  await page.getByLabel(/أوافق/).check();
  await page.getByRole('button', { name: 'إرسال' }).click();
  await expect(page.getByRole('status')).toContainText('شكرًا');
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  expect(new Set(requests)).toEqual(new Set([new URL(page.url()).origin]));

  await page.route('https://www.ilmatieteenlaitos.fi/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Sää</title>' }),
  );
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL('https://www.ilmatieteenlaitos.fi/');
});

test('the referral is decided, the client gets services and a reflection period that warns, and assistance ends', async ({
  page: director,
  browser,
}) => {
  // Several people log in, each waiting for a fresh authenticator code.
  test.slow();
  await logIn(director, 'director');
  await navigateTo(director, 'Esitykset');
  await expect(director.getByRole('heading', { level: 1, name: 'Saapuneet esitykset' })).toBeVisible();
  const searching = director.getByRole('search', { name: 'Etsi esityksiä' });
  await searching.getByLabel('Nimi', { exact: true }).fill('Layla Polku');
  await searching.getByRole('button', { name: 'Hae' }).click();
  const row = director.getByRole('region', { name: 'Löydetyt esitykset' }).getByRole('row', { name: /Layla Polku/ });
  await expect(row).toContainText('Akuutti uhka');
  await expect(row).toContainText('0 päivää');
  await expectNoAxeViolations(director);
  await row.getByRole('link', { name: 'Layla Polku' }).click();
  await expect(director.getByRole('heading', { level: 1, name: 'Esitys: Layla Polku' })).toBeVisible();
  await expect(director.getByRole('region', { name: 'Suostumus' })).toContainText('julkisella lomakkeella');

  const decision = director.getByRole('region', { name: 'Päätös' });
  await decision.getByLabel('Ota asiakkaaksi').check();
  await decision.getByLabel(/Perustelut/).fill('Merkkejä työperäisestä ihmiskaupasta: palkaton työ ja passi työnantajalla.');
  await decision.getByLabel('Päätöskirjeen kieli').selectOption('sv');
  await decision.getByLabel('Toimipiste').selectOption({ label: 'Helsinki' });
  await decision.getByLabel('Vastuutyöntekijä').selectOption({ label: 'Sanna Sosiaaliohjaaja (Sosiaaliohjaaja / tarkastaja)' });
  await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expectErrorSummary(director, ['Valitse epäillyn hyväksikäytön päätarkoitus']);
  await decision.getByLabel('Hyväksikäytön päämuoto').selectOption({ label: 'Pakkotyö' });
  await decision.getByLabel('Hyväksikäytön paikka').selectOption({ label: 'Suomessa' });
  await expectNoAxeViolations(director);
  await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(director.getByRole('status')).toHaveText('Päätös kirjattiin.');
  await director.getByRole('link', { name: 'Päätöskirje' }).click();
  await expect(
    director.getByRole('heading', { level: 1, name: 'Beslut om att tas emot i hjälpsystemet för offer för människohandel' }),
  ).toBeVisible();
  await expect(director.locator('article.letter')).toContainText('passi työnantajalla');
  // The installation's details: the diary number, the sender and the appeal authority, in the letter's language.
  const letter = director.locator('article.letter');
  await expect(letter.getByRole('definition').first()).toHaveText(/^IKU\/\d{4}\/\d{6}$/);
  await expect(letter.getByRole('group', { name: 'Avsändare' })).toContainText('Hjälpsystemet för offer för människohandel');
  await expect(letter.getByRole('group', { name: 'Avsändare' })).toContainText('ihmiskauppa.auttamisjarjestelma@migri.fi');
  await expect(letter.getByRole('region', { name: 'Anvisning om ändringssökande' })).toContainText('Östra Finlands förvaltningsdomstol');
  await expect(letter.getByRole('region', { name: 'Anvisning om ändringssökande' })).toContainText('70101 Kuopio');
  await expect(letter).toContainText('Beslutet fattades av: Johanna Johtaja, Johtaja');
  await expectNoAxeViolations(director);
  await director.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(director);
  await director.setViewportSize({ width: 1280, height: 720 });

  const caseworker = await (await browser.newContext()).newPage();
  await logIn(caseworker, 'caseworker');
  await navigateTo(caseworker, 'Asiakkaat');
  await caseworker.getByRole('link', { name: 'Layla Polku' }).click();
  await expect(caseworker.getByRole('heading', { level: 1, name: 'Layla Polku' })).toBeVisible();

  const sections = (page: typeof caseworker) => page.getByRole('navigation', { name: 'Asiakastiedon osat' });
  await sections(caseworker).getByRole('link', { name: 'Asia ja palvelut' }).click();
  const services = caseworker.getByRole('region', { name: 'Lakisääteiset palvelut' });
  await services.getByRole('button', { name: 'Lisää palvelu' }).click();
  await services.getByLabel('Palvelu', { exact: true }).selectOption({ label: 'Turvallinen majoitus' });
  await services.getByLabel('Pyydetty', { exact: true }).fill(inDays(-1));
  await services.getByRole('button', { name: 'Tallenna palvelu' }).click();
  await expect(services.getByRole('status')).toHaveText('Palvelu lisättiin.');
  await expect(services.getByRole('table')).toContainText('Turvallinen majoitus');

  await sections(caseworker).getByRole('link', { name: 'Harkinta-aika ja tunnistaminen' }).click();
  const reflection = caseworker.getByRole('region', { name: 'Harkinta-ajat' });
  await reflection.getByRole('button', { name: 'Myönnä harkinta-aika' }).click();
  await reflection.getByLabel('Myöntäjä').selectOption({ label: 'Auttamisjärjestelmä' });
  await reflection.getByLabel('Alkaa', { exact: true }).fill(inDays(-20));
  await reflection.getByLabel('Päättyy', { exact: true }).fill(inDays(200));
  await reflection.getByRole('button', { name: 'Tallenna harkinta-aika' }).click();
  await expect(reflection.locator('.error-summary')).toContainText('enintään 6 kuukautta');
  await reflection.getByLabel('Päättyy', { exact: true }).fill(inDays(10));
  await reflection.getByRole('button', { name: 'Tallenna harkinta-aika' }).click();
  await expect(reflection).toContainText('Päättyy 14 päivän sisällä');
  await expect(caseworker.getByRole('region', { name: 'Asia yhdellä silmäyksellä' })).toContainText(
    /Päättyy \d{1,2}\.\d{1,2}\.\d{4} \(10 päivää jäljellä\)/,
  );
  await expectNoAxeViolations(caseworker);

  await navigateTo(caseworker, 'Etusivu');
  await expect(caseworker.getByRole('region', { name: 'Päättyvät harkinta-ajat' })).toContainText('Layla Polku');

  await caseworker.getByRole('link', { name: 'Layla Polku' }).click();
  await sections(caseworker).getByRole('link', { name: 'Harkinta-aika ja tunnistaminen' }).click();
  const identification = caseworker.getByRole('region', { name: 'Virallinen tunnistaminen' });
  await identification.getByRole('button', { name: 'Pyydä virallista tunnistamista' }).click();
  await identification.getByRole('button', { name: 'Kutsu ryhmään' }).click();
  await identification.getByLabel('Viranomainen').selectOption({ label: 'Poliisi' });
  await identification.getByLabel('Jäsen').fill('Komisario Virtanen');
  await identification.getByRole('button', { name: 'Kutsu ryhmään' }).click();
  await expect(identification).toContainText('Poliisi: Komisario Virtanen');

  await identification.getByRole('button', { name: 'Kirjaa jäsenen Komisario Virtanen lausunto' }).click();
  await identification.getByLabel('Lausunto', { exact: true }).fill('Tunnusmerkistö täyttyy: passi pidätetty, palkaton työ.');
  await identification.getByRole('button', { name: 'Tallenna lausunto' }).click();
  await expect(identification).toContainText('Komisario Virtanen – Tunnusmerkistö täyttyy');
  await identification.getByRole('button', { name: 'Kirjaa kokouspäivä' }).click();
  await identification.getByLabel('Kokouspäivä', { exact: true }).fill(inDays(0));
  await identification.getByRole('button', { name: 'Tallenna kokouspäivä' }).click();
  await expect(identification).toContainText(/Kokouspäivä \d{1,2}\.\d{1,2}\.\d{4}/);

  // The decision belongs to the director: the group has been heard and the client has been told.
  await navigateTo(director, 'Tunnistamisjono');
  await director.getByRole('link', { name: 'Layla Polku' }).click();
  await sections(director).getByRole('link', { name: 'Harkinta-aika ja tunnistaminen' }).click();
  const deciding = director.getByRole('region', { name: 'Virallinen tunnistaminen' });
  await deciding.getByRole('button', { name: 'Päätä' }).click();
  await deciding.getByLabel('Päätös').selectOption({ label: 'Ei tunnistettu' });
  await deciding.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expectErrorSummary(director, ['Kerro päätöksestä ensin asiakkaalle ja rastita sitten ruutu.']);
  await deciding.getByLabel(/Asiakkaalle on kerrottu/).check();
  await deciding.getByRole('button', { name: 'Kirjaa päätös' }).click();
  const confirmation = director.getByRole('region', { name: 'Kirjataanko tunnistamispäätös?' });
  await expect(confirmation).toContainText('auttaminen päättyy');
  await confirmation.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(deciding).toContainText('Ei tunnistettu');
  await expect(director.getByRole('region', { name: 'Asia yhdellä silmäyksellä' })).toContainText('Auttaminen päättyi');
  await sections(director).getByRole('link', { name: 'Asia ja palvelut' }).click();
  await expect(director.getByRole('region', { name: 'Auttamisen päättyminen' })).toContainText('Ei tunnistettu');
  await sections(director).getByRole('link', { name: 'Aikajana' }).click();
  await expect(director.getByRole('region', { name: 'Aikajana' })).toContainText('Auttaminen päättyi');
  await expectNoAxeViolations(director);
});

test('a partner refers a person the register knows; staff confirm the match and the director admits', async ({
  page: partner,
  browser,
}) => {
  // Several people log in, each waiting for a fresh authenticator code.
  test.slow();
  await logIn(partner, 'partner');
  await navigateTo(partner, 'Esitykset');
  await expect(partner.getByRole('heading', { level: 1, name: 'Organisaatiosi lähettämät esitykset' })).toBeVisible();
  await partner.getByRole('link', { name: 'Uusi esitys' }).click();
  await partner.getByLabel('Esittäjä').selectOption('ngo');
  await partner.getByLabel('Nimi tai peitenimi').fill('Amina Demo');
  await partner.getByLabel('Syntymäaika', { exact: true }).fill('14.3.1995');
  await partner.getByLabel('Sukupuoli').selectOption({ label: 'Nainen' });
  await partner.getByRole('combobox', { name: 'Kansalaisuus' }).fill('Nigeria');
  await partner.getByRole('option', { name: /^Nigeria/ }).click();
  await partner.getByLabel('Hyväksikäytön päämuoto').selectOption({ label: 'Pakkotyö' });
  await partner.getByLabel('Suostumuksen antaja').selectOption({ label: 'henkilö itse' });
  await partner.getByRole('group', { name: 'Milloin' }).getByLabel('Päivämäärä').fill(inDays(-1).split('-').reverse().join('.'));
  await partner.getByRole('group', { name: 'Milloin' }).getByLabel('Kellonaika').fill('9.00');
  await partner.getByLabel('Miten').selectOption({ label: 'kirjallisesti' });
  await partner.getByRole('button', { name: 'Lähetä esitys' }).click();
  await expectErrorSummary(partner, ['Valitse, tapahtuiko hyväksikäyttö Suomessa vai ulkomailla']);
  await partner.getByLabel('Hyväksikäytön paikka').selectOption({ label: 'Suomessa' });
  await partner.getByRole('button', { name: 'Lähetä esitys' }).click();
  await expect(partner.getByRole('status')).toHaveText('Esitys lähetettiin saapuneisiin.');
  await expect(partner.getByRole('main')).toContainText('Amina Demo');
  await expect(partner.getByRole('main')).toContainText('Odottaa päätöstä');
  await expectNoAxeViolations(partner);

  const caseworker = await (await browser.newContext()).newPage();
  await logIn(caseworker, 'caseworker');
  await navigateTo(caseworker, 'Esitykset');
  const searching = caseworker.getByRole('search', { name: 'Etsi esityksiä' });
  await searching.getByLabel('Nimi', { exact: true }).fill('Amina Demo');
  await searching.getByRole('button', { name: 'Hae' }).click();
  await caseworker
    .getByRole('row', { name: /Amina Demo/ })
    .getByRole('link', { name: 'Amina Demo' })
    .click();
  const matches = caseworker.getByRole('region', { name: 'Mahdollisesti jo tunnettu' });
  const match = matches.getByRole('article', { name: /Amina Demo rekisterissä/ });
  await expect(match).toContainText('nimi, syntymäaika, kansalaisuus');
  // Side by side before anything is merged: this referral and the person in the register.
  const compared = match.getByRole('table');
  await expect(compared.getByRole('row', { name: /Syntymäaika/ })).toContainText('14.3.1995');
  await expect(compared.getByRole('row', { name: /Kansalaisuus/ })).toHaveText(/Nigeria.*Nigeria/);
  await expectNoAxeViolations(caseworker);
  await match.getByRole('button', { name: 'Sama henkilö', exact: true }).click();
  await expect(matches.getByRole('heading', { name: 'Onko tämä sama henkilö kuin Amina Demo?' })).toBeVisible();
  await matches.getByRole('button', { name: 'Sama henkilö', exact: true }).last().click();
  await expect(caseworker.getByRole('status')).toHaveText('Vahvistettu samaksi henkilöksi');
  await expect(matches).toContainText('samaksi henkilöksi kuin rekisterissä jo oleva Amina Demo');
  await expect(matches).toContainText('kaksoiskappale poistettiin');
  await expect(matches).not.toContainText('Rekisterissä ei ole tätä henkilöä muistuttavaa');
  await expectNoAxeViolations(caseworker);

  const director = await (await browser.newContext()).newPage();
  await logIn(director, 'director');
  await director.goto(caseworker.url());
  const decision = director.getByRole('region', { name: 'Päätös' });
  await decision.getByLabel('Ota asiakkaaksi').check();
  await expect(decision.getByLabel('Hyväksikäytön päämuoto')).toHaveValue('forced_labour');
  await decision.getByLabel(/Perustelut/).fill('Kumppanin esitys: pakkotyö siivousalalla Suomessa.');
  await decision.getByLabel('Päätöskirjeen kieli').selectOption('fi');
  await decision.getByLabel('Toimipiste').selectOption({ label: 'Helsinki' });
  await decision.getByLabel('Vastuutyöntekijä').selectOption({ label: 'Sanna Sosiaaliohjaaja (Sosiaaliohjaaja / tarkastaja)' });
  await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(director.getByRole('status')).toHaveText('Päätös kirjattiin.');
  await director.getByRole('link', { name: 'Asiakkaan tiedot' }).click();
  await expect(director.getByRole('heading', { level: 1, name: 'Amina Demo' })).toBeVisible();
  await director.getByRole('navigation', { name: 'Asiakastiedon osat' }).getByRole('link', { name: 'Aikajana' }).click();
  await expect(director.getByRole('region', { name: 'Aikajana' })).toContainText('Otettu asiakkaaksi');
});
