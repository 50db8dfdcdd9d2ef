import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, logIn, type DemoRole } from './support/journey.ts';

/**
 * Every page at 390 px, the width of a common phone: each demo role walks every page its
 * navigation offers. Nothing may widen the document (a table may scroll inside its own
 * `.table-wrap`), and axe finds nothing. Problems are collected over the whole walk, so one run
 * names every page that fails.
 */
test.use({ viewport: { width: 390, height: 844 } });

async function expectFitsThePhone(page: Page, where: string) {
  const { scrollWidth, wide } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''}`;
    const wide = [...document.querySelectorAll('body *')]
      .filter(
        (element) =>
          element.getBoundingClientRect().right > width + 1 &&
          // Inside a table's own scrolling box only what is placed outside its flow can widen the page.
          (!element.parentElement?.closest('.table-wrap') || getComputedStyle(element).position === 'absolute'),
      )
      .map(describe);
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 6) };
  });
  expect.soft(scrollWidth, `${where} is ${scrollWidth} px wide: ${wide.join(', ')}`).toBeLessThanOrEqual(390);
}

async function expectAxeClean(page: Page, where: string) {
  await test.step(`axe: ${where}`, async () => {
    try {
      await expectNoAxeViolations(page);
    } catch (error) {
      expect.soft(String(error), where).toBe('');
    }
  });
}

test('the login page and the help page fit a phone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel(/Käyttäjätunnus/)).toBeVisible();
  await expectFitsThePhone(page, 'the login page');
  await expectAxeClean(page, 'the login page');
  await page.goto('/help');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectFitsThePhone(page, 'the help page');
  for (const language of ['العربية', 'नेपाली', 'ไทย']) {
    await page.getByRole('link', { name: language, exact: true }).click();
    await expectFitsThePhone(page, `the help page in ${language}`);
  }
});

const roles: DemoRole[] = ['director', 'caseworker', 'nurse', 'coach', 'partner', 'researcher', 'administrator'];

for (const role of roles) {
  test(`every page the ${role}'s navigation offers fits a phone`, async ({ page }) => {
    test.setTimeout(240_000);
    await logIn(page, role);
    const nav = page.getByRole('navigation', { name: 'Päävalikko' });
    const menu = nav.getByRole('button', { name: 'Valikko' });
    // Folded until asked for, so the page begins near the top of the screen.
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav.getByRole('link')).toHaveCount(0);
    await expectFitsThePhone(page, `${role}: the home page`);
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    const names = await nav.getByRole('link').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    await expectFitsThePhone(page, `${role}: the open menu`);
    await expectAxeClean(page, `${role}: the open menu`);
    // Esc folds it again and leaves focus on the button.
    await nav.getByRole('link').first().focus();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    for (const name of names) {
      await menu.click();
      await nav.getByRole('link', { name, exact: true }).click();
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectFitsThePhone(page, `${role}: ${name}`);
      await expectAxeClean(page, `${role}: ${name}`);
    }
  });
}
