import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectErrorSummary, expectNoAxeViolations, logIn, navigateTo } from './support/journey.ts';

test('an administrator exports the register and imports files, with progress and line-numbered errors', async ({ page }) => {
  await logIn(page, 'administrator');
  await navigateTo(page, 'Rekisterin siirrot');
  await expect(page.getByRole('heading', { level: 1, name: 'Rekisterin tuonti ja vienti' })).toBeVisible();
  await expectNoAxeViolations(page);

  const exporting = page.getByRole('region', { name: 'Vie rekisteri' });
  const [download] = await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'Lataa rekisteri' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^polku-register-\d{4}-\d{2}-\d{2}\.ndjson$/);
  await expect(exporting.getByRole('status')).toContainText(`Tallennettu nimellä ${download.suggestedFilename()}.`);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  const lines = exported.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(1500);
  expect(JSON.parse(lines[0]).type).toBe('person');

  const importing = page.getByRole('region', { name: 'Tuo rekisteritiedosto' });
  const broken = [lines[0], '{"type":"person","id":"x1","gender":"robot","birthDate":"1990-02-30","nationality":"FI"}', '{not json'].join(
    '\n',
  );
  await importing.getByRole('button', { name: 'Tuo' }).click();
  await expectErrorSummary(page, ['Valitse tuotava tiedosto.']);
  await importing
    .getByLabel('Siirtotiedosto')
    .setInputFiles({ name: 'broken.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(broken) });
  await importing.getByRole('button', { name: 'Tuo' }).click();
  const refusal = importing.getByRole('alert');
  await expect(refusal).toContainText('Tiedostoa ei tuotu, eikä mitään muutettu: 3 virheellistä riviä.');
  await expect(refusal.getByRole('listitem')).toHaveText([
    'Rivi 2: kentässä gender tuntematon koodi "robot".',
    'Rivi 2: kentän birthDate on oltava päivämäärä muodossa VVVV-KK-PP, nyt "1990-02-30".',
    'Rivi 3: rivi ei ole kelvollista JSONia.',
  ]);
  await expectNoAxeViolations(page);

  // The whole register back in: every line is already there, so nothing changes.
  await importing
    .getByLabel('Siirtotiedosto')
    .setInputFiles({ name: 'register.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(exported) });
  await importing.getByRole('button', { name: 'Tuo' }).click();
  await expect(importing.getByRole('progressbar')).toBeVisible();
  const count = lines.length.toLocaleString('fi-FI');
  await expect(importing.getByRole('status')).toHaveText(`Tuotu: ${count} riviä, 0 uutta, ${count} jo rekisterissä.`, { timeout: 30_000 });
  await expect(importing.getByRole('progressbar')).toHaveCount(0);
});
