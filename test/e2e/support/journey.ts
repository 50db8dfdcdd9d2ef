import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { generate } from 'otplib';
import fs from 'node:fs';
import path from 'node:path';

export type DemoRole =
  'director' | 'caseworker' | 'nurse' | 'coach' | 'partner' | 'partner2' | 'researcher' | 'researcher2' | 'administrator';

export function demoAccount(role: DemoRole): { username: string; password: string } {
  return JSON.parse(process.env.POLKU_E2E_ACCOUNTS!)[role];
}

/**
 * TOTP secrets learnt at enrolment, and how many codes each has used (a code is never accepted twice).
 * Kept in a file: a worker that restarts after a failure must still know them.
 */
type Secrets = Record<string, { secret: string; lastStep: number }>;
const secretsFile = () => path.join(process.env.POLKU_E2E_DIR!, 'totp-secrets.json');
const readSecrets = (): Secrets => (fs.existsSync(secretsFile()) ? JSON.parse(fs.readFileSync(secretsFile(), 'utf8')) : {});

/** The code of the next unused 30-second step; the server accepts one step ahead, so wait if even that is used. */
async function nextCode(username: string): Promise<string> {
  const secrets = readSecrets();
  const entry = secrets[username];
  const current = Math.floor(Date.now() / 30_000);
  const step = Math.max(current, entry.lastStep + 1);
  if (step > current + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 200));
  entry.lastStep = step;
  fs.writeFileSync(secretsFile(), JSON.stringify(secrets));
  return generate({ secret: entry.secret, epoch: step * 30 });
}

/**
 * Logs in as a person would: password, then the authenticator code (enrolling it at first login).
 * Another account than a demo one is given by its username and password; `home: false` stops
 * after the second factor (a first login then asks for the person's own password).
 */
export async function logIn(page: Page, role: DemoRole | { username: string; password: string }, { home = true } = {}) {
  const { username, password } = typeof role === 'string' ? demoAccount(role) : role;
  if (page.url() === 'about:blank') await page.goto('/');
  await page.getByLabel(/Käyttäjätunnus|Användarnamn|Username/).fill(username);
  await page.getByLabel(/^(Salasana|Lösenord|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Kirjaudu|Logga in|Log in)$/ }).click();
  const enrolHeading = page.getByRole('heading', { name: /kaksivaiheinen|tvåstegsverifiering|two-factor/i });
  const verifyHeading = page.getByRole('heading', { name: /Vahvista kirjautuminen|Bekräfta inloggningen|Confirm your login/ });
  await expect(enrolHeading.or(verifyHeading)).toBeVisible();
  if (await enrolHeading.isVisible()) {
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    fs.writeFileSync(secretsFile(), JSON.stringify({ ...readSecrets(), [username]: { secret, lastStep: 0 } }));
    await page.getByLabel(/Vahvistuskoodi|Verifieringskod|Verification code/).fill(await nextCode(username));
    await page.getByRole('button', { name: /Vahvista ja ota käyttöön|Bekräfta och aktivera|Confirm and turn on/ }).click();
    await expect(page.getByRole('list', { name: /Varakoodit|Reservkoder|Recovery codes/ }).getByRole('listitem')).toHaveCount(10);
    await page.getByRole('button', { name: /Olen tallentanut|Jag har sparat|I have saved/ }).click();
  } else {
    await page.getByLabel(/Vahvistuskoodi|Verifieringskod|Verification code/).fill(await nextCode(username));
    await page.getByRole('button', { name: /^(Vahvista|Bekräfta|Confirm)$/ }).click();
  }
  if (home) await expect(page.getByRole('button', { name: /Kirjaudu ulos|Logga ut|Log out/ })).toBeVisible();
}

/** WCAG 2.1 A and AA rules of axe: a journey fails on any violation. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/**
 * The GOV.UK error pattern after a wrong submit: the summary has focus and lists these messages in
 * order, each a link; following the first puts focus in its field, which shows the same message.
 */
export async function expectErrorSummary(page: Page, messages: string[]) {
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading', { level: 2 })).toHaveText(
    /Lomakkeessa on korjattavaa|Det finns något att rätta|There is a problem/,
  );
  const links = summary.getByRole('link');
  await expect(links).toHaveText(messages);
  const first = links.first();
  const fieldId = (await first.getAttribute('href'))!.slice(1);
  await first.click();
  const field = page.locator(`[id="${fieldId}"]`);
  const input = (await field.evaluate((element) => element.matches('input, select, textarea')))
    ? field
    : field.locator('input, select, textarea').first();
  await expect(input).toBeFocused();
  await expect(page.locator(`[id="${fieldId}-error"]`)).toContainText(messages[0]);
}

/** Follows a link of the main navigation, opening its menu first on a phone, where it is folded. */
export async function navigateTo(page: Page, name: string | RegExp) {
  const navigation = page.getByRole('navigation', { name: /^(Päävalikko|Huvudmeny|Main menu)$/ });
  const menu = navigation.getByRole('button', { name: /^(Valikko|Meny|Menu)$/ });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false') await menu.click();
  await navigation.getByRole('link', { name }).click();
}
