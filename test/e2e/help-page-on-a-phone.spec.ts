import { expect, test, type Page } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn } from './support/journey.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** The page is no wider than the phone: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** The summary (or whatever has focus) is in view below the quick exit, not hidden under it. */
async function expectFocusedBelowQuickExit(page: Page) {
  const bar = (await page.locator('.quick-exit-bar').boundingBox())!;
  const focused = (await page.locator(':focus').boundingBox())!;
  expect(focused.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
  expect(focused.y).toBeLessThan(844);
}

test('on a phone, an empty submit shows what is missing, a year in Arabic digits is taken, and the person learns what happens next', async ({
  page,
  browser,
}) => {
  const requests = new Set<string>();
  page.on('request', (request) => requests.add(new URL(request.url()).origin));
  await page.goto('/help/fi/ask');
  await expect(page.getByRole('heading', { level: 1, name: 'Pyydä apua' })).toBeVisible();
  // Nothing that changes the record is chosen for the person.
  await expect(page.getByLabel('Kansalaisuus')).toHaveValue('');
  for (const group of ['Sukupuoli', 'Miten voimme ottaa sinuun yhteyttä turvallisesti?'])
    await expect(page.getByRole('group', { name: group }).getByRole('radio', { checked: true })).toHaveCount(0);
  await expectNoSidewaysScroll(page);

  await page.getByRole('button', { name: 'Lähetä' }).tap();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expectFocusedBelowQuickExit(page);
  const consent = page.getByRole('checkbox', { name: /Hyväksyn/ });
  await expect(consent).toHaveAccessibleDescription(/Rastita ruutu, jos hyväksyt/);
  await expect(page.getByRole('group', { name: 'Miten voimme ottaa sinuun yhteyttä turvallisesti?' })).toHaveAccessibleDescription(
    /Valitse, miten voimme ottaa sinuun yhteyttä/,
  );
  await expectNoAxeViolations(page);
  await expectErrorSummary(page, [
    'Kirjoita nimi. Etunimi tai nimi, jota haluat meidän käyttävän, riittää.',
    'Valitse, miten voimme ottaa sinuun yhteyttä, tai valitse, ettemme ota yhteyttä.',
    'Rastita ruutu, jos hyväksyt. Ilman suostumustasi emme voi kirjata viestiäsi.',
  ]);
  await page.locator('.error-summary').getByRole('link').last().tap();
  await expect(consent).toBeFocused();

  await page.getByLabel('Nimi', { exact: true }).fill('Amina Puhelin');
  await page.getByLabel('Syntymävuosi').fill('٢٠x٠');
  await page.getByRole('radio', { name: 'Tekstiviesti' }).check();
  await page.getByRole('button', { name: 'Lähetä' }).tap();
  await expectErrorSummary(page, [
    'Kirjoita syntymävuosi neljällä numerolla, esimerkiksi 1995.',
    'Kirjoita puhelinnumero, sähköpostiosoite tai henkilön nimi, jotta tavoitamme sinut.',
    'Rastita ruutu, jos hyväksyt. Ilman suostumustasi emme voi kirjata viestiäsi.',
  ]);
  // What the person typed is still there: nothing has to be written twice.
  await expect(page.getByLabel('Nimi', { exact: true })).toHaveValue('Amina Puhelin');
  await expect(page.getByRole('radio', { name: 'Tekstiviesti' })).toBeChecked();
  await page.getByLabel('Syntymävuosi').fill('١٩٩٨');
  await page.getByLabel('Puhelinnumero, osoite tai henkilön nimi').fill('+358 40 123 4567');
  await consent.check();
  await page.getByRole('button', { name: 'Lähetä' }).tap();
  const sent = page.getByRole('status');
  await expect(sent).toBeFocused();
  await expect(sent).toContainText('Kiitos. Viestisi on perillä.');
  await expect(sent).toContainText('Otamme sinuun yhteyttä niin pian kuin voimme, valitsemallasi tavalla');
  await expect(sent).toContainText('soita 112');
  await expectFocusedBelowQuickExit(page);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  expect([...requests]).toEqual([new URL(page.url()).origin]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  // Nothing the person wrote is in the address.
  expect(page.url()).toMatch(/\/help\/fi\/ask$/);

  // The assistance system received the year as typed, in the way the person chose to be reached.
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });
  const staff = await staffContext.newPage();
  await logIn(staff, 'caseworker');
  const referral = await staff.evaluate(async () => {
    const queue: Array<{ id: string; name: string }> = await (await fetch('/api/v1/referrals/queue')).json();
    const id = queue.find((row) => row.name === 'Amina Puhelin')!.id;
    return (await fetch(`/api/v1/referrals/${id}`)).json();
  });
  expect(referral).toMatchObject({
    replyChannel: { kind: 'sms', address: '+358 40 123 4567' },
    replyLanguage: 'fi',
    person: { birthDate: '1998-07-01', birthDateEstimated: true, gender: 'unknown', nationality: 'unknown' },
  });
  await staffContext.close();
});

test('in Arabic the page is mirrored and the summary is in Arabic, at the field too', async ({ page }) => {
  await page.goto('/help/fi/ask');
  await page.getByRole('link', { name: 'العربية' }).tap();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'اطلب المساعدة' })).toBeVisible();
  await page.getByLabel('سنة الميلاد').fill('١٨٥٠');
  await page.getByRole('button', { name: 'إرسال' }).tap();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading', { level: 2 })).toHaveText('هناك مشكلة');
  await expect(summary.getByRole('link')).toHaveText([
    'اكتب اسمًا. يكفي الاسم الأول أو اسم تريد أن نستخدمه.',
    'اكتب سنة الميلاد بالتقويم الميلادي بأربعة أرقام، مثلًا 1995.',
    'اختر كيف يمكننا التواصل معك، أو اختر ألا نتواصل معك.',
    'ضع علامة في المربع إذا كنت توافق. بدون موافقتك لا يمكننا تسجيل رسالتك.',
  ]);
  await expectFocusedBelowQuickExit(page);
  // Mirrored: a field's error bar is on its right, the start of a line in Arabic; the "Error:" prefix is in Arabic.
  const nameField = page.locator('.field--error').first();
  expect(await nameField.evaluate((element) => getComputedStyle(element).borderRightWidth)).toBe('5px');
  expect(await nameField.evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe('0px');
  await expect(nameField.locator('.field-error')).toContainText('خطأ:');
  await summary.getByRole('link').nth(3).tap();
  await expect(page.getByRole('checkbox', { name: /أوافق/ })).toBeFocused();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});
