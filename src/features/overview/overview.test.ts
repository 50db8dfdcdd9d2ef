import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { endOfWeek } from '../casework/counts.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let caseworker: TestAccount;
let otherCaseworker: TestAccount;
let nurse: TestAccount;
let partner: TestAccount;
let researcher: TestAccount;
let administrator: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);
const overviewOf = async (account: TestAccount) => injectJson(app, 'GET', '/api/v1/overview', await as(account));
const today = helsinkiDate();

const referral = (name: string) => ({
  source: 'reception_centre',
  person: { name, birthDate: '1996-04-02', gender: 'female', nationality: 'NG', languages: ['en'], safePlace: true, acuteThreat: false },
  exploitation: { purposes: ['forced_labour'], place: 'finland' },
  consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'in_writing' },
});

async function task(clientId: string, assignee: TestAccount, dueOn: string, done = false) {
  const id = randomUUID();
  await ctx.db
    .insertInto('client_tasks')
    .values({ id, person_id: clientId, title: 'sealed', due_on: dueOn, assignee_id: assignee.id, done_at: done ? new Date() : null })
    .execute();
}

async function reflectionEnding(clientId: string, inDays: number) {
  const end = addDays(today, inDays);
  await ctx.db
    .insertInto('reflection_periods')
    .values({ person_id: clientId, granted_by: 'assistance_system', start_date: addDays(end, -90), end_date: end })
    .execute();
}

let referralIds: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, caseworker, otherCaseworker, nurse, partner, researcher, administrator] = await makeAccounts(
    ctx,
    'director',
    'caseworker',
    'caseworker',
    'nurse',
    'partner',
    'researcher',
    'administrator',
  );
  // The caseworker's own client and another caseworker's, each with a reflection period and waiting for identification.
  const own = (await makeClient(ctx, caseworker, { name: 'Own Client' })).id;
  const others = (await makeClient(ctx, otherCaseworker, { name: 'Other Client' })).id;
  await reflectionEnding(own, 5);
  await reflectionEnding(others, 20);
  await reflectionEnding(others, -3); // ended: no longer counted as ending
  for (const clientId of [own, others])
    await ctx.db
      .insertInto('identifications')
      .values({ person_id: clientId, requested_at: new Date(), started_at: null, decided_at: null, outcome: null })
      .execute();
  // The caseworker's tasks: one overdue, one due today, one done; the other caseworker's tasks are theirs.
  await task(own, caseworker, addDays(today, -2));
  await task(own, caseworker, today);
  await task(own, caseworker, addDays(today, -10), true);
  await task(others, otherCaseworker, addDays(today, -1));
  await task(others, nurse, endOfWeek(today));
  await task(others, nurse, addDays(endOfWeek(today), 1));
  // Two referrals of people with the same name: each is a possible match of the other. The older waited ten days.
  referralIds = [];
  for (const who of [caseworker, partner]) {
    const created = await injectJson(app, 'POST', '/api/v1/referrals', await as(who), referral('Grace Adebayo'));
    expect(created.status).toBe(201);
    referralIds.push(created.body.id);
  }
  await ctx.db
    .updateTable('referrals')
    .set({ received_at: new Date(Date.now() - 10 * 24 * 3600 * 1000) })
    .where('id', '=', referralIds[0])
    .execute();
  // A new account that reads client data waits for a director.
  const asked = await injectJson(app, 'POST', '/api/v1/admin/accounts', await as(administrator), {
    username: 'waiting.worker@test.polku',
    displayName: 'Waiting Worker',
    role: 'caseworker',
    officeId: 'helsinki',
  });
  expect(asked.status).toBe(201);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('the home overview', () => {
  it('a director counts everything, with the oldest referral in days', async () => {
    const { status, body } = await overviewOf(director);
    expect(status).toBe(200);
    expect(body).toEqual({
      referrals: { waiting: 2, oldestWaitedDays: 10, matchesToConfirm: 2 },
      identificationWaiting: 2,
      reflectionEnding: { within30Days: 2, within14Days: 1, within7Days: 1 },
      tasks: { overdue: 0, dueThisWeek: 0 },
      pendingGrants: 1,
      consultationsWaiting: 0,
    });
  });

  it('a caseworker counts the shared queues, but only their own clients’ reflection periods and their own tasks; no grants', async () => {
    const { body } = await overviewOf(caseworker);
    expect(body).toEqual({
      referrals: { waiting: 2, oldestWaitedDays: 10, matchesToConfirm: 2 },
      identificationWaiting: 2,
      reflectionEnding: { within30Days: 1, within14Days: 1, within7Days: 1 },
      tasks: { overdue: 1, dueThisWeek: 1 },
      consultationsWaiting: 0,
    });
    expect((await overviewOf(otherCaseworker)).body.reflectionEnding).toEqual({ within30Days: 1, within14Days: 0, within7Days: 0 });
  });

  it('a nurse sees only their tasks; a partner their sent referrals still open: what they cannot list is absent, not zero', async () => {
    expect((await overviewOf(nurse)).body).toEqual({ tasks: { overdue: 0, dueThisWeek: 1 } });
    expect((await overviewOf(partner)).body).toEqual({ sentReferralsWaiting: 1, tasks: { overdue: 0, dueThisWeek: 0 } });
  });

  it('a researcher and an administrator have no overview', async () => {
    for (const account of [researcher, administrator]) expect((await overviewOf(account)).status).toBe(403);
  });

  it('a dismissed match is no longer to confirm; a decided referral no longer waits', async () => {
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${referralIds[0]}`, await as(caseworker));
    const candidate = read.body.matches[0].personId;
    const reviewed = await injectJson(app, 'PUT', `/api/v1/referrals/${referralIds[0]}/matches/${candidate}`, await as(caseworker), {
      outcome: 'dismissed',
    });
    expect(reviewed.status).toBeLessThan(300);
    expect((await overviewOf(caseworker)).body.referrals).toEqual({ waiting: 2, oldestWaitedDays: 10, matchesToConfirm: 1 });
    const withdrawn = await injectJson(app, 'POST', `/api/v1/referrals/${referralIds[0]}/withdrawal`, await as(caseworker));
    expect(withdrawn.status).toBeLessThan(300);
    expect((await overviewOf(director)).body.referrals).toEqual({ waiting: 1, oldestWaitedDays: 0, matchesToConfirm: 1 });
  });
});
