import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, logIn } from './support/journey.ts';

test.describe.configure({ timeout: 180_000 });

/** A new client, written through the API as the form would, and the headers to write more of the record. */
async function newClient(page: Page, person: { name: string; birthDate: string; gender: string; nationality: string }) {
  const { csrfToken } = await (await page.request.get('/api/v1/session')).json();
  const headers = { 'x-csrf-token': csrfToken };
  const created = await page.request.post('/api/v1/clients', { headers, data: person });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  return { id: id as string, headers };
}

/** A section of the record shows its first page of 50, and the rest after "show more". */
async function expectPagedSection(page: Page, name: string, { first, last, total }: { first: string; last: string; total: number }) {
  const section = page.getByRole('region', { name });
  await expect(section.getByRole('listitem')).toHaveCount(50);
  await expect(section.getByRole('listitem').first()).toContainText(first);
  await expectNoAxeViolations(page);
  await section.getByRole('button', { name: 'Näytä lisää' }).click();
  await expect(section.getByRole('listitem')).toHaveCount(total);
  await expect(section.getByRole('listitem').last()).toContainText(last);
  await expect(section.getByRole('button', { name: 'Näytä lisää' })).toHaveCount(0);
}

test('a long record shows its newest notes first, and the rest a page at a time with "show more"', async ({ page }) => {
  await logIn(page, 'caseworker');
  // A new client with 60 notes, written through the API as the note form would.
  const { id, headers } = await newClient(page, { name: 'Pitkä Kirjaus', birthDate: '1994-02-03', gender: 'female', nationality: 'NG' });
  for (let n = 1; n <= 60; n++) {
    const note = await page.request.post(`/api/v1/clients/${id}/notes`, {
      headers,
      data: { sensitivity: 'normal', body: `Muistiinpano ${n}` },
    });
    expect(note.status()).toBe(201);
  }

  await page.goto(`/clients/${id}#notes`);
  await expectPagedSection(page, 'Muistiinpanot', { first: 'Muistiinpano 60', last: 'Muistiinpano 1', total: 60 });
});

test('a record with many tasks lists those to do first, by due day, and the done ones after "show more"', async ({ page }) => {
  await logIn(page, 'caseworker');
  const { id, headers } = await newClient(page, { name: 'Monta Tehtävää', birthDate: '1990-06-07', gender: 'male', nationality: 'VN' });
  const taskIds: string[] = [];
  for (let n = 1; n <= 55; n++) {
    const dueOn = new Date(Date.UTC(2027, 0, n)).toISOString().slice(0, 10);
    const task = await page.request.post(`/api/v1/clients/${id}/tasks`, { headers, data: { title: `Tehtävä ${n}`, dueOn } });
    expect(task.status()).toBe(201);
    taskIds.push((await task.json()).id);
  }
  const done = await page.request.put(`/api/v1/clients/${id}/tasks/${taskIds[0]}/done`, { headers, data: { done: true } });
  expect(done.status()).toBe(204);

  await page.goto(`/clients/${id}#tasks`);
  // The earliest task is done: it comes last, after every task still to do.
  await expectPagedSection(page, 'Tehtävät', { first: 'Tehtävä 2 –', last: 'Tehtävä 1 –', total: 55 });
});
