import { expect, test } from '@playwright/test';
import { demoAccount, expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

test('a researcher logs in for the first time with a password and a new authenticator, in Swedish', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Polkuun' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in i Polku' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await logIn(page, 'researcher');
  await expect(page.getByRole('heading', { level: 1, name: /Välkommen, Tuomas Tutkija/ })).toBeVisible();
  await expect(page.getByText('Forskare')).toBeVisible();
  // A researcher has no client pages in the navigation: the statistics and their studies.
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link')).toHaveText([
    'Startsida',
    'Statistik',
    'Studier',
    'Egna inställningar',
  ]);
  await expectNoAxeViolations(page);
});

test('the chosen language is remembered for the account', async ({ page }) => {
  await logIn(page, 'researcher');
  await expect(page.getByRole('heading', { level: 1, name: /Välkommen/ })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, 'researcher');
  await expect(page.getByRole('heading', { level: 1, name: /Welcome, Tuomas Tutkija/ })).toBeVisible();
});

test('a wrong password gets a clear message and the page stays accessible', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Käyttäjätunnus').fill(demoAccount('coach').username);
  await page.getByLabel('Salasana').fill('not the password at all');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expectErrorSummary(page, ['Käyttäjätunnus tai salasana on väärä.']);
  await expectNoAxeViolations(page);
});

test('an empty login form says what is missing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expectErrorSummary(page, ['Kirjoita käyttäjätunnuksesi.', 'Kirjoita salasanasi.']);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
});

test('after failed attempts, the next login tells how many there were and when the last was', async ({ page }) => {
  const { username } = demoAccount('coach');
  for (const password of ['somebody guessing', 'somebody guessing again']) {
    expect((await page.request.post('/api/v1/auth/login', { data: { username, password } })).status()).toBe(401);
  }
  await logIn(page, 'coach');
  await expect(
    page.getByRole('status').filter({
      hasText:
        /on yritetty kirjautua epäonnistuneesti \d+ kertaa, viimeksi .+\. Jos yritykset eivät olleet sinun, kerro niistä ylläpitäjälle\./,
    }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  // Told once: the next login starts counting again.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await logIn(page, 'coach');
  await expect(page.getByRole('heading', { level: 1, name: /Tervetuloa/ })).toBeVisible();
  await expect(page.getByText(/epäonnistuneesti/)).toHaveCount(0);
});

test('the whole login works from the keyboard alone', async ({ page }) => {
  const { username, password } = demoAccount('nurse');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Polkuun' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Siirry sisältöön' })).toBeFocused();
  await page.getByLabel('Käyttäjätunnus').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /kaksivaiheinen|Vahvista kirjautuminen/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expectNoAxeViolations(page);
});

test('nothing about the session is kept in browser storage', async ({ page }) => {
  await logIn(page, 'coach');
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
  expect(storage).toEqual({ local: 0, session: 0, cookies: '' });
});

test('when the session ends on the server, the next action returns to the login page and says why', async ({ page, context }) => {
  // The home page's own requests must be answered first, or they, not the next action, would meet the ended session.
  const homeLoaded = Promise.all(
    ['/api/v1/overview', '/api/v1/reflection-periods/ending', '/api/v1/me/tasks'].map((url) =>
      page.waitForResponse((response) => response.url().endsWith(url)),
    ),
  );
  await logIn(page, 'director');
  await homeLoaded;
  await context.clearCookies();
  await navigateTo(page, 'Asiakkaat');
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Polkuun' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Kirjaudu sisään jatkaaksesi.');
  await expectNoAxeViolations(page);
});
