import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { helsinkiDate } from '../../core/dates.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;
let clientId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  caseworker = await makeAccount(ctx, 'caseworker');
  clientId = (await makeClient(ctx, caseworker)).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const openTasks = () =>
  ctx.db
    .selectFrom('client_tasks')
    .select('due_on')
    .where('person_id', '=', clientId)
    .where('done_at', 'is', null)
    .orderBy('due_on')
    .execute();
const daysAgo = (days: number) => helsinkiDate(new Date(Date.now() - days * 86_400_000));

describe('reminders of the path to work', () => {
  it('close when the reading they ask for is recorded, but not for a reading of an earlier day', async () => {
    const read = async (readOn: string) =>
      (
        await injectJson(app, 'POST', `/api/v1/clients/${clientId}/progress`, await sessionFor(ctx, caseworker.id), {
          readOn,
          scores: { work_skills: 3 },
        })
      ).status;
    const first = daysAgo(120);
    expect(await read(first)).toBe(201);
    const [due] = await openTasks();
    expect(due).toBeDefined();
    expect(await read(daysAgo(20))).toBe(201);
    // The reminder of the second reading is done; the third's (six months from the first) is open.
    const open = await openTasks();
    expect(open).toHaveLength(1);
    expect(open[0].due_on > due.due_on).toBe(true);
    expect(await read(daysAgo(200))).toBe(201);
    expect((await openTasks()).map((task) => task.due_on)).toContain(open[0].due_on);
  });

  it("close a plan's earlier review when a revision sets the next", async () => {
    const session = await sessionFor(ctx, caseworker.id);
    const plan = {
      drawnBy: 'Municipal social work',
      drawnWith: 'The client',
      drawnOn: daysAgo(30),
      nextReviewOn: '2099-01-15',
      goals: [{ text: 'A work try-out', source: 'client', status: 'active', setOn: daysAgo(30) }],
      partners: [],
    };
    const created = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans`, session, { ...plan, kind: 'client' });
    expect(created.status).toBe(201);
    expect((await openTasks()).map((task) => task.due_on)).toContain('2099-01-15');
    const revised = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans/${created.body.id}/versions`, session, {
      ...plan,
      drawnOn: daysAgo(1),
      nextReviewOn: '2099-06-15',
    });
    expect(revised.status).toBe(201);
    const due = (await openTasks()).map((task) => task.due_on);
    expect(due).toContain('2099-06-15');
    expect(due).not.toContain('2099-01-15');
  });
});
