import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

test('a list that fails to load says so and loads when asked to try again, on a phone too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, 'caseworker');
  let failures = 1;
  await page.route('**/api/v1/clients', async (route) => {
    if (route.request().method() !== 'GET' || failures-- <= 0) return route.fallback();
    await route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'unavailable', message: 'Palvelu ei ole juuri nyt käytettävissä.' } }),
    });
  });
  await navigateTo(page, 'Asiakkaat');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Tietojen lataaminen ei onnistunut.');
  await expect(alert).toContainText('Palvelu ei ole juuri nyt käytettävissä.');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  await alert.getByRole('button', { name: 'Yritä uudelleen' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.client-list').getByRole('link').first()).toBeVisible();
});

test('a page address that needs a permission the session lacks is not found, and not in the navigation', async ({ page }) => {
  await logIn(page, 'researcher');
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Asiakkaat' })).toHaveCount(0);
  await page.goto('/clients');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sivua ei löydy');
  await expectNoAxeViolations(page);
});
