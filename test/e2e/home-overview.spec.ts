import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, logIn, type DemoRole } from './support/journey.ts';

/** What a list answers the logged-in person, read as the page itself would. */
const list = <T>(page: Page, path: string) =>
  page.evaluate(async (url) => (await fetch(url, { headers: { accept: 'application/json' } })).json(), `/api/v1${path}`) as Promise<T[]>;

const fiCount = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

/** Each count, read from the list it links to, and the list's heading. */
async function expectedCounts(page: Page, role: DemoRole) {
  const queue = await list<{ waitedDays: number }>(page, '/referrals/queue');
  const identification = await list<unknown>(page, '/identification/queue');
  const ending = await list<{ daysLeft: number }>(page, '/reflection-periods/ending');
  const tasks = await list<{ dueOn: string }>(page, '/me/tasks');
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const running = ending.filter((period) => period.daysLeft >= 0);
  const counts = [
    {
      text: fiCount(queue.length, 'esitys odottaa päätöstä', 'esitystä odottaa päätöstä'),
      note: `vanhin on odottanut ${queue[0].waitedDays} ${queue[0].waitedDays === 1 ? 'päivän' : 'päivää'}`,
      heading: 'Saapuneet esitykset',
      path: '/referrals',
    },
    {
      text: fiCount(identification.length, 'asiakas odottaa virallista tunnistamista', 'asiakasta odottaa virallista tunnistamista'),
      heading: 'Odottaa virallista tunnistamista',
      path: '/identification',
    },
    {
      text: fiCount(running.length, 'harkinta-aika päättyy 30 päivän sisällä', 'harkinta-aikaa päättyy 30 päivän sisällä'),
      note: `${running.filter((period) => period.daysLeft <= 14).length} niistä 14 päivän sisällä, ${running.filter((period) => period.daysLeft <= 7).length} niistä 7 päivän sisällä`,
      heading: 'Päättyvät harkinta-ajat',
      path: '/reflection-periods',
    },
    {
      text: fiCount(tasks.filter((task) => task.dueOn < today).length, 'tehtävä myöhässä', 'tehtävää myöhässä'),
      heading: 'Omat tehtävät',
      path: '/tasks',
    },
  ];
  const consultations = await list<{ status: string }>(page, '/consultations');
  counts.push({
    text: fiCount(
      consultations.filter((consultation) => consultation.status === 'waiting').length,
      'konsultaatio tunnistamisoppaasta odottaa vastausta',
      'konsultaatiota tunnistamisoppaasta odottaa vastausta',
    ),
    heading: 'Konsultaatiot',
    path: '/consultations',
  });
  if (role === 'director') {
    const grants = await list<{ status: string }>(page, '/account-grants');
    counts.push({
      text: fiCount(
        grants.filter((grant) => grant.status === 'pending').length,
        'käyttöoikeus odottaa johtajan vahvistusta',
        'käyttöoikeutta odottaa johtajan vahvistusta',
      ),
      heading: 'Käyttöoikeuksien vahvistus',
      path: '/account-grants',
    });
  }
  return counts;
}

for (const role of ['caseworker', 'director'] as const) {
  test(`a ${role}'s home page counts what waits, each count a link to its list`, async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page, role);
    const overview = page.getByRole('region', { name: 'Tilannekatsaus' });
    await expect(overview.getByRole('link').first()).toBeVisible();
    const counts = await expectedCounts(page, role);
    for (const { text, note } of counts) {
      const link = overview.getByRole('link', { name: text, exact: true });
      await expect(link).toBeVisible();
      if (note)
        await expect(overview.getByRole('listitem').filter({ has: page.getByRole('link', { name: text, exact: true }) })).toContainText(
          note,
        );
    }
    await expect(overview.getByRole('link', { name: /esitys(tä)?, jo(i)?ssa mahdollinen sama henkilö on vahvistettava/ })).toBeVisible();
    if (role === 'caseworker') await expect(overview.getByRole('link', { name: /käyttöoikeu/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page);
    const box = (await overview.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });

    for (const { text, heading, path } of counts) {
      await overview.getByRole('link', { name: text, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goBack();
      await expect(overview.getByRole('link', { name: text, exact: true })).toBeVisible();
    }
  });
}
