import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, logIn } from './support/journey.ts';

test.describe.configure({ timeout: 180_000 });

test('a long record shows its newest notes first, and the rest a page at a time with "show more"', async ({ page }) => {
  await logIn(page, 'caseworker');
  // A new client with 60 notes, written through the API as the note form would.
  const { csrfToken } = await (await page.request.get('/api/v1/session')).json();
  const headers = { 'x-csrf-token': csrfToken };
  const created = await page.request.post('/api/v1/clients', {
    headers,
    data: { name: 'Pitkä Kirjaus', birthDate: '1994-02-03', gender: 'female', nationality: 'NG' },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  for (let n = 1; n <= 60; n++) {
    const note = await page.request.post(`/api/v1/clients/${id}/notes`, {
      headers,
      data: { sensitivity: 'normal', body: `Muistiinpano ${n}` },
    });
    expect(note.status()).toBe(201);
  }

  await page.goto(`/clients/${id}#notes`);
  const notes = page.getByRole('region', { name: 'Muistiinpanot' });
  await expect(notes.getByRole('listitem')).toHaveCount(50);
  await expect(notes.getByRole('listitem').first()).toContainText('Muistiinpano 60');
  await expectNoAxeViolations(page);
  await notes.getByRole('button', { name: 'Näytä lisää' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(60);
  await expect(notes.getByRole('listitem').last()).toContainText('Muistiinpano 1');
  await expect(notes.getByRole('button', { name: 'Näytä lisää' })).toHaveCount(0);
});

test('a record with many tasks lists those to do first, by due day, and the done ones after "show more"', async ({ page }) => {
  await logIn(page, 'caseworker');
  const { csrfToken } = await (await page.request.get('/api/v1/session')).json();
  const headers = { 'x-csrf-token': csrfToken };
  const created = await page.request.post('/api/v1/clients', {
    headers,
    data: { name: 'Monta Tehtävää', birthDate: '1990-06-07', gender: 'male', nationality: 'VN' },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
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
  const tasks = page.getByRole('region', { name: 'Tehtävät' });
  await expect(tasks.getByRole('listitem')).toHaveCount(50);
  await expect(tasks.getByRole('listitem').first()).toContainText('Tehtävä 2 –');
  await expectNoAxeViolations(page);
  await tasks.getByRole('button', { name: 'Näytä lisää' }).click();
  await expect(tasks.getByRole('listitem')).toHaveCount(55);
  await expect(tasks.getByRole('listitem').last()).toContainText('Tehtävä 1 –');
  await expect(tasks.getByRole('button', { name: 'Näytä lisää' })).toHaveCount(0);
});
