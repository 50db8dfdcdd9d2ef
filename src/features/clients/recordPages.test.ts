import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount, writtenConsent } from '../../../test/support/factories.ts';
import { shareClient } from './service.ts';
import { PAGE_SIZE } from './recordParts.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;
let clientId: string;
const NOTES = 2 * PAGE_SIZE + 17;
const start = Date.parse('2026-03-01T08:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  caseworker = await makeAccount(ctx, 'caseworker');
  clientId = (await makeClient(ctx, caseworker, { name: 'Leena Sivu' })).id;
  await shareClient(ctx, { actor: caseworker.actor, ip: null }, clientId, {
    organisationId: 'riku',
    fieldGroups: ['identity', 'notes'],
    consent: writtenConsent(),
  });
  // Notes an hour apart, every tenth a sensitive one, and pairs written in the same millisecond at
  // the edges of pages: paging must neither repeat nor skip any.
  const rows = Array.from({ length: NOTES }, (_, index) => {
    const id = randomUUID();
    const sensitivity = index % 10 === 0 ? 'sensitive' : 'normal';
    return {
      id,
      person_id: clientId,
      author_id: caseworker.id,
      at: new Date(start + Math.floor(index / 2) * 3_600_000),
      sensitivity,
      body: ctx.cipher.encrypt(`Note ${index}`, protectedContext('client_notes', 'body', id)),
    };
  });
  await ctx.db.insertInto('client_notes').values(rows).execute();
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const read = async (who: TestAccount, url: string) => {
  const response = await injectJson(app, 'GET', url, await sessionFor(ctx, who.id));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

/** Every note the reader sees, page by page from the record's first, with the number of pages. */
async function allNotes(who: TestAccount) {
  const record = await read(who, `/api/v1/clients/${clientId}`);
  const notes: string[] = record.notes.map((note: { body: string }) => note.body);
  let more: string | null = record.more.notes;
  let pages = 1;
  while (more) {
    const page = await read(who, `/api/v1/clients/${clientId}/pages/notes?after=${more}`);
    notes.push(...page.notes.map((note: { body: string }) => note.body));
    more = page.more.notes;
    pages += 1;
  }
  return { notes, pages };
}

describe('a record read a page at a time', () => {
  it('the record carries the newest page of notes; the pages after it give every note once, newest first', async () => {
    const record = await read(caseworker, `/api/v1/clients/${clientId}`);
    expect(record.notes).toHaveLength(PAGE_SIZE);
    expect(record.more.notes).toEqual(expect.any(String));
    const { notes, pages } = await allNotes(caseworker);
    expect(pages).toBe(3);
    expect(new Set(notes).size).toBe(NOTES);
    const numbers = notes.map((body) => Number(body.split(' ')[1]));
    for (let index = 1; index < numbers.length; index += 1)
      expect(Math.floor(numbers[index - 1] / 2)).toBeGreaterThanOrEqual(Math.floor(numbers[index] / 2));
  });

  it('a partner pages through only the notes the policy lets them see', async () => {
    const partner = await makeAccount(ctx, 'partner', { organisationId: 'riku' });
    const { notes } = await allNotes(partner);
    expect(notes).toHaveLength(NOTES - Math.ceil(NOTES / 10));
    expect(notes.every((body) => Number(body.split(' ')[1]) % 10 !== 0)).toBe(true);
  });

  it('the timeline is paged by its own cursor and gives every event once', async () => {
    const record = await read(caseworker, `/api/v1/clients/${clientId}`);
    const events = [...record.timeline];
    let more: string | null = record.more.timeline;
    while (more) {
      const page = await read(caseworker, `/api/v1/clients/${clientId}/pages/timeline?after=${encodeURIComponent(more)}`);
      events.push(...page.timeline);
      more = page.more.timeline;
    }
    expect(events.filter((event: { kind: string }) => event.kind === 'note')).toHaveLength(NOTES);
    const times = events.filter((event) => !event.dateOnly).map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('each page read is logged with the field group it shows; a group not granted is refused and logged', async () => {
    const record = await read(caseworker, `/api/v1/clients/${clientId}`);
    await read(caseworker, `/api/v1/clients/${clientId}/pages/notes?after=${record.more.notes}`);
    const logged = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', caseworker.id)
      .where('action', '=', 'clients.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ client_id: clientId, outcome: 'succeeded', field_groups: ['notes'] });

    const outsider = await makeAccount(ctx, 'partner', { organisationId: 'riku' });
    await shareClient(ctx, { actor: caseworker.actor, ip: null }, clientId, {
      organisationId: 'riku',
      fieldGroups: ['identity'],
      consent: writtenConsent(),
    });
    const refused = await injectJson(
      app,
      'GET',
      `/api/v1/clients/${clientId}/pages/notes?after=${record.more.notes}`,
      await sessionFor(ctx, outsider.id),
    );
    expect(refused.status).toBe(403);
    const denial = await ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', outsider.id).executeTakeFirstOrThrow();
    expect(denial).toMatchObject({ action: 'clients.read', outcome: 'denied' });
    await shareClient(ctx, { actor: caseworker.actor, ip: null }, clientId, {
      organisationId: 'riku',
      fieldGroups: ['identity', 'notes'],
      consent: writtenConsent(),
    });
  });

  it('a cursor of the wrong kind is a translated 400, not a page', async () => {
    const session = await sessionFor(ctx, caseworker.id);
    const wrong = await injectJson(app, 'GET', `/api/v1/clients/${clientId}/pages/notes?after=2026-03-01`, {
      ...session,
      'accept-language': 'fi',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toEqual({ code: 'invalid_request', message: expect.any(String) });
  });

  it('tasks come a page at a time: those to do first by due day, then the done ones, the latest due first, each once', async () => {
    const tasks = Array.from({ length: 2 * PAGE_SIZE + 7 }, (_, index) => {
      const id = randomUUID();
      // Three tasks to a due day, so pages end between tasks of the same day; every third is done.
      const dueOn = new Date(Date.UTC(2026, 0, 1 + Math.floor(index / 3))).toISOString().slice(0, 10);
      return {
        id,
        person_id: clientId,
        title: ctx.cipher.encrypt(`Task ${index}`, protectedContext('client_tasks', 'title', id)),
        due_on: dueOn,
        assignee_id: caseworker.id,
        created_by: caseworker.id,
        done_at: index % 3 === 0 ? new Date('2026-06-01T09:00:00Z') : null,
      };
    });
    await ctx.db.insertInto('client_tasks').values(tasks).execute();
    const record = await read(caseworker, `/api/v1/clients/${clientId}`);
    expect(record.tasks).toHaveLength(PAGE_SIZE);
    const seen: { title: string; dueOn: string; doneAt: string | null }[] = [...record.tasks];
    let more: string | null = record.more.tasks;
    while (more) {
      const page = await read(caseworker, `/api/v1/clients/${clientId}/pages/tasks?after=${more}`);
      seen.push(...page.tasks);
      more = page.more.tasks;
    }
    expect(new Set(seen.map((task) => task.title)).size).toBe(tasks.length);
    expect(seen).toHaveLength(tasks.length);
    const firstDone = seen.findIndex((task) => task.doneAt);
    expect(firstDone).toBe(tasks.filter((task) => !task.done_at).length);
    const open = seen.slice(0, firstDone).map((task) => task.dueOn);
    const done = seen.slice(firstDone).map((task) => task.dueOn);
    expect(seen.slice(firstDone).every((task) => task.doneAt)).toBe(true);
    expect(open).toEqual([...open].sort());
    expect(done).toEqual([...done].sort().reverse());
  });
});
