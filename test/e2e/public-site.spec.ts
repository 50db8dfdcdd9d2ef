import fs from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, logIn } from './support/journey.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const languages = ['fi', 'sv', 'en', 'ar', 'so', 'prs', 'ru', 'uk', 'th', 'vi', 'ne'];
const rightToLeft = new Set(['ar', 'prs']);
const words = (language: string) => JSON.parse(fs.readFileSync(`locales/${language}/public.json`, 'utf8'));
const weather = 'https://www.ilmatieteenlaitos.fi/';

/** The page is no wider than the phone: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** Nothing left behind in the browser: no cookie, nothing in local storage or IndexedDB (and, where scripts run, session storage). */
async function expectNothingKept(page: Page, context: BrowserContext, { scripts = true } = {}) {
  const state = await context.storageState({ indexedDB: true });
  expect(state.cookies).toEqual([]);
  expect(state.origins).toEqual([]);
  if (scripts) expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
}

/** The weather site a quick exit lands on, answered here so that no request leaves the machine. */
const fakeWeather = (page: Page) =>
  page.route(`${weather}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Sää</title><p>Sää</p>' }));

test('in every language the site is in that language and direction, accessible on a phone, and leaves nothing behind nor asks any other host', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  for (const language of languages) {
    const text = words(language);
    await page.goto(`/help/${language}`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.locator('html')).toHaveAttribute('dir', rightToLeft.has(language) ? 'rtl' : 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.site.home.title);
    await expect(page.getByText(text.site.line.replace('{{phone}}', text.site.phone)).first()).toBeVisible();
    await expect(page.locator('.quick-exit')).toHaveText(text.quickExit);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await page.goto(`/help/${language}/ask`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
  }
  // The longer pages, in Finnish, and in Arabic where they fall back to English and say so.
  for (const address of ['services', 'reflection-period', 'guide', 'statistics', 'accessibility']) {
    await page.goto(`/help/fi/${address}`);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
  }
  await page.goto('/help/ar/services');
  await expect(page.getByText(words('ar').site.notTranslated)).toBeVisible();
  await expect(page.getByRole('main')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);
  await expectNothingKept(page, context);
  expect([...origins]).toEqual([new URL(page.url()).origin]);
});

test('without JavaScript the browser’s language is chosen, the essentials are there, the self-referral form works with its errors, and the quick exit is a link', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'so-SO', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const text = words('so');
  await page.goto('/help');
  await expect(page).toHaveURL(/\/help\/so$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.site.home.title);
  await expect(page.getByText(text.emergency).first()).toBeVisible();
  await page.getByRole('navigation', { name: text.site.menu }).getByRole('link', { name: text.site.nav.ask }).click();
  await page.getByRole('button', { name: text.send }).click();
  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('link')).toHaveText([text.errors.name, text.errors.replyChannel, text.errors.consent]);
  await expect(page.locator('#field-name-error')).toContainText(text.errors.name);
  await page.getByLabel(text.name, { exact: true }).fill('Hodan Bilaa Qoraal');
  await page.getByRole('radio', { name: text.no_contact }).check();
  await page.getByRole('checkbox', { name: text.consent }).check();
  await page.getByRole('button', { name: text.send }).click();
  await expect(page.getByRole('status')).toContainText(text.sent);
  await expect(page.getByRole('status')).toContainText(text.sentNoContact);
  await expectNothingKept(page, context, { scripts: false });
  // The quick exit without JavaScript is a plain link to the weather.
  await fakeWeather(page);
  await page.locator('.quick-exit').click();
  await expect(page).toHaveURL(weather);
  await context.close();
});

test('the quick exit by button, Esc and Shift pressed three times leaves the site, and Back does not return to it', async ({ page }) => {
  await fakeWeather(page);
  const backIsNotTheSite = async () => {
    await page.goBack().catch(() => null);
    expect(page.url()).not.toContain('/help');
  };

  // Esc, after moving within the site: the site keeps one place in the history.
  await page.goto('/help/fi');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Poistu sivulta nopeasti' })).toBeFocused();
  await page.getByRole('navigation', { name: 'Valikko' }).getByRole('link', { name: 'Palvelut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Auttamisjärjestelmän palvelut' })).toBeVisible();
  // The keys are the site's script's: a key pressed before it has run is the browser's own.
  await page.waitForLoadState('load');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(weather);
  await backIsNotTheSite();

  // Shift three times.
  await page.goto('/help/en/statistics');
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await page.waitForLoadState('load');
  for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL(weather);
  await backIsNotTheSite();

  // The button, in Dari, after scrolling to the very bottom: it is still at the top of the screen.
  await page.goto('/help/prs/ask');
  await page.waitForLoadState('load');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  const exit = page.locator('.quick-exit');
  await expect(exit).toBeInViewport();
  expect((await exit.boundingBox())!.y).toBeLessThan(20);
  await exit.tap();
  await expect(page).toHaveURL(weather);
  await backIsNotTheSite();
});

test('the public statistics page is the director’s published release, table by table, with its open data', async ({ page, browser }) => {
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });
  const staff = await staffContext.newPage();
  await logIn(staff, 'director');
  const release = await staff.evaluate(async () => {
    const { releases } = (await (await fetch('/api/v1/statistics/releases')).json()) as {
      releases: Array<{ id: string; superseded: boolean }>;
    };
    const newest = releases.find((entry) => !entry.superseded)!;
    return (await (await fetch(`/api/v1/statistics/releases/${newest.id}`)).json()) as {
      year: number;
      version: number;
      tables: Record<string, { cells: Record<string, number | null> }>;
    };
  });
  await staffContext.close();

  await page.goto('/help/en/statistics');
  await expect(page.getByText(new RegExp(`Year ${release.year}, release ${release.version}, published`))).toBeVisible();
  const english = JSON.parse(fs.readFileSync('locales/en/statistics.json', 'utf8')) as { tables: Record<string, string> };
  for (const [table, { cells }] of Object.entries(release.tables)) {
    if (table === 'new_clients_by_year') continue;
    const shown = await page.getByRole('region', { name: english.tables[table], exact: true }).locator('td.count').allTextContents();
    expect(shown, table).toEqual(Object.values(cells).map((count) => (count === null ? '– hidden' : String(count))));
  }
  const csv = page.getByRole('link', { name: `All tables of ${release.year} (CSV)` });
  expect(await csv.getAttribute('href')).toBe(`/api/v1/public/statistics/${release.year}?format=csv`);
  // The time series since 2006 is the release's own.
  const series = Object.entries(release.tables.new_clients_by_year.cells).filter(([year]) => Number(year) >= 2006);
  const seriesTable = page.getByRole('region', { name: 'New clients by year' });
  await expect(seriesTable.getByRole('rowheader')).toHaveText(series.map(([year]) => year));
  expect(await seriesTable.locator('td.count').allTextContents()).toEqual(
    series.map(([, count]) => (count === null ? '– hidden' : String(count))),
  );
});
