import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn } from './support/journey.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a person refers themself in Arabic, leaving no cookie; the quick exit leaves the page', async ({ page, context }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).origin));
  await page.goto('/help');
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('.public-page')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'اطلب المساعدة' })).toBeVisible();
  await page.getByRole('button', { name: 'إرسال' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('الاسم', { exact: true }).fill('Layla Polku');
  await page.getByLabel('سنة الميلاد').fill('1999');
  await page.getByLabel('أنا في خطر أو مُهدَّد الآن').check();
  await page.getByLabel(/أوافق/).check();
  await page.getByRole('button', { name: 'إرسال' }).click();
  await expect(page.getByRole('status')).toContainText('شكرًا');
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  expect(new Set(requests)).toEqual(new Set([new URL(page.url()).origin]));

  await page.route('https://www.ilmatieteenlaitos.fi/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Sää</title>' }));
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL('https://www.ilmatieteenlaitos.fi/');
});

test('the referral is decided, the client gets services and a reflection period that warns, and assistance ends', async ({ page: director, browser }) => {
  await logIn(director, 'director');
  await director.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Esitykset' }).click();
  await expect(director.getByRole('heading', { level: 1, name: 'Saapuneet esitykset' })).toBeVisible();
  const row = director.getByRole('row', { name: /Layla Polku/ });
  await expect(row).toContainText('Akuutti uhka');
  await expect(row).toContainText('0 päivää');
  await expectNoAxeViolations(director);
  await row.getByRole('link', { name: 'Layla Polku' }).click();
  await expect(director.getByRole('heading', { level: 1, name: 'Esitys: Layla Polku' })).toBeVisible();
  await expect(director.getByRole('region', { name: 'Suostumus' })).toContainText('julkisella lomakkeella');

  const decision = director.getByRole('region', { name: 'Päätös' });
  await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(director.getByRole('alert')).toContainText('Tarkista merkityt kentät');
  await decision.getByLabel(/Perustelut/).fill('Merkkejä työperäisestä ihmiskaupasta: palkaton työ ja passi työnantajalla.');
  await decision.getByLabel('Päätöskirjeen kieli').selectOption('sv');
  await decision.getByLabel('Vastuutyöntekijä').selectOption({ label: 'Sanna Sosiaaliohjaaja (Sosiaaliohjaaja / tarkastaja)' });
  await expectNoAxeViolations(director);
  await decision.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(director.getByRole('status')).toHaveText('Päätös kirjattiin.');
  await director.getByRole('link', { name: 'Päätöskirje' }).click();
  await expect(director.getByRole('heading', { level: 1, name: 'Beslut om att tas emot i hjälpsystemet för offer för människohandel' })).toBeVisible();
  await expect(director.locator('article.letter')).toContainText('passi työnantajalla');
  await expectNoAxeViolations(director);

  const caseworker = await (await browser.newContext()).newPage();
  await logIn(caseworker, 'caseworker');
  await caseworker.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakkaat' }).click();
  await caseworker.getByRole('link', { name: 'Layla Polku' }).click();
  await expect(caseworker.getByRole('heading', { level: 1, name: 'Layla Polku' })).toBeVisible();

  const services = caseworker.getByRole('region', { name: 'Lakisääteiset palvelut' });
  await services.getByLabel('Palvelu', { exact: true }).selectOption({ label: 'Turvallinen majoitus' });
  await services.getByLabel('Pyydetty', { exact: true }).fill(inDays(-1));
  await services.getByRole('button', { name: 'Lisää' }).click();
  await expect(services.getByRole('table')).toContainText('Turvallinen majoitus');

  const reflection = caseworker.getByRole('region', { name: 'Harkinta-ajat' });
  await reflection.getByLabel('Alkaa', { exact: true }).fill(inDays(-20));
  await reflection.getByLabel('Päättyy', { exact: true }).fill(inDays(200));
  await reflection.getByRole('button', { name: 'Myönnä harkinta-aika' }).click();
  await expect(reflection.getByRole('alert')).toContainText('enintään 6 kuukautta');
  await reflection.getByLabel('Päättyy', { exact: true }).fill(inDays(10));
  await reflection.getByRole('button', { name: 'Myönnä harkinta-aika' }).click();
  await expect(reflection).toContainText('Päättyy 14 päivän sisällä');
  await expectNoAxeViolations(caseworker);

  await caseworker.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Etusivu' }).click();
  await expect(caseworker.getByRole('region', { name: 'Päättyvät harkinta-ajat' })).toContainText('Layla Polku');

  await caseworker.getByRole('link', { name: 'Layla Polku' }).click();
  const identification = caseworker.getByRole('region', { name: 'Virallinen tunnistaminen' });
  await identification.getByRole('button', { name: 'Pyydä virallista tunnistamista' }).click();
  await identification.getByLabel('Viranomainen').selectOption({ label: 'Poliisi' });
  await identification.getByLabel('Jäsen').fill('Komisario Virtanen');
  await identification.getByRole('button', { name: 'Kutsu ryhmään' }).click();
  await expect(identification).toContainText('Poliisi: Komisario Virtanen');

  const ending = caseworker.getByRole('region', { name: 'Auttamisen päättyminen' });
  await ending.getByLabel('Syy').selectOption({ label: 'Turvallinen paluu' });
  await ending.getByRole('button', { name: 'Päätä auttaminen' }).click();
  await expect(ending).toContainText('Turvallinen paluu');
  await expect(caseworker.getByRole('region', { name: 'Aikajana' })).toContainText('Auttaminen päättyi');
});
