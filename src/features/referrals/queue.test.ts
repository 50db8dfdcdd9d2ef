import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let caseworker: TestAccount;
let tampereCaseworker: TestAccount;
let partner: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);
const year = new Date().getUTCFullYear();

const referral = (person: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => ({
  source: 'reception_centre',
  person: { name: 'Someone Else', birthDate: '1990-01-01', gender: 'female', nationality: 'NG', ...person },
  consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'in_writing' },
  ...overrides,
});

const search = async (account: TestAccount, body: Record<string, unknown>) =>
  injectJson(app, 'POST', '/api/v1/referrals/queue/search', await as(account), body);
const ids = (response: { body: { rows: Array<{ id: string }> } }) => response.body.rows.map((row) => row.id);

/** The referrals made for this file, by name: each received a day apart, the first longest ago. */
const made = new Map<string, string>();

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, caseworker, partner] = await makeAccounts(ctx, 'director', 'caseworker', 'partner');
  tampereCaseworker = await makeAccount(ctx, 'caseworker', { officeId: 'tampere' });
  const people: Array<[string, Record<string, unknown>, Record<string, unknown>, TestAccount]> = [
    ['Олена Коваленко', { nationality: 'UA' }, {}, caseworker],
    ['Mohammed Ali', { acuteThreat: true, birthDate: `${year - 16}-03-03` }, { source: 'police' }, caseworker],
    ['Amina Tampere', {}, { officeId: 'tampere' }, tampereCaseworker],
    ['Partner Referred', {}, { source: 'victim_support' }, partner],
  ];
  for (let index = 0; index < 40; index++)
    people.push([`Filler Person ${String.fromCharCode(97 + (index % 26))}${index}`, {}, {}, caseworker]);
  for (const [index, [name, person, overrides, account]] of people.entries()) {
    const response = await injectJson(app, 'POST', '/api/v1/referrals', await as(account), referral({ name, ...person }, overrides));
    expect(response.status).toBe(201);
    made.set(name, response.body.id);
    await ctx.db
      .updateTable('referrals')
      // Noon in Helsinki of the day that many days ago: the days waited are Helsinki days, whatever the hour or the clock change.
      .set({ received_at: new Date(`${addDays(helsinkiDate(), index - people.length)}T12:00:00+02:00`) })
      .where('id', '=', response.body.id)
      .execute();
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('searching the intake queue', () => {
  it('finds a referral by name across spellings and scripts, and the name never travels in the address', async () => {
    const found = await search(caseworker, { name: 'Elena Kovalenko' });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    expect(found.body.rows[0]).toMatchObject({ id: made.get('Олена Коваленко'), name: 'Олена Коваленко', status: 'open' });
    expect((await search(caseworker, { name: 'Muhammad' })).body.rows.map((row: { name: string }) => row.name)).toEqual(['Mohammed Ali']);
    expect((await search(caseworker, { name: 'Nobody Known' })).body).toMatchObject({ total: 0, rows: [] });
    // A query string is not how a search is asked.
    const inAddress = await injectJson(app, 'GET', '/api/v1/referrals/queue/search?name=Olena', await as(caseworker));
    expect(inAddress.status).toBe(404);
  });

  it('pages 25 at a time with the total, longest waiting first unless asked otherwise', async () => {
    const first = await search(caseworker, {});
    const second = await search(caseworker, { page: 2 });
    expect(first.body.total).toBe(44);
    expect(first.body.rows).toHaveLength(25);
    expect(second.body.rows).toHaveLength(19);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    expect(first.body.rows[0]).toMatchObject({ name: 'Олена Коваленко', waitedDays: 44 });
    const waited = [...first.body.rows, ...second.body.rows].map((row: { waitedDays: number }) => row.waitedDays);
    expect(waited).toEqual([...waited].sort((a, b) => b - a));
    const newest = await search(caseworker, { sort: 'newest' });
    expect(newest.body.rows[0].name).toBe('Filler Person n39');
    const byName = await search(caseworker, { sort: 'name' });
    const names = byName.body.rows.map((row: { name: string }) => row.name);
    expect(names.slice(0, 3)).toEqual(['Amina Tampere', 'Filler Person a0', 'Filler Person a26']);
    expect((await search(caseworker, { page: 3 })).body).toMatchObject({ total: 44, page: 3, rows: [] });
  });

  it('filters by office, source, age, acute threat and state', async () => {
    expect(ids(await search(caseworker, { officeId: 'tampere' }))).toEqual([made.get('Amina Tampere')]);
    expect(ids(await search(caseworker, { officeId: 'none' }))).toEqual([made.get('Partner Referred')]);
    expect(ids(await search(caseworker, { source: 'police' }))).toEqual([made.get('Mohammed Ali')]);
    expect(ids(await search(caseworker, { age: 'child' }))).toEqual([made.get('Mohammed Ali')]);
    expect((await search(caseworker, { age: 'adult' })).body.total).toBe(43);
    expect((await search(caseworker, { age: 'unknown' })).body.total).toBe(0);
    expect(ids(await search(caseworker, { acuteThreat: true }))).toEqual([made.get('Mohammed Ali')]);
    expect((await search(caseworker, { acuteThreat: false })).body.total).toBe(43);

    const withdrawn = made.get('Filler Person b1')!;
    expect((await injectJson(app, 'POST', `/api/v1/referrals/${withdrawn}/withdrawal`, await as(caseworker))).status).toBe(204);
    expect(ids(await search(caseworker, { state: 'withdrawn' }))).toEqual([withdrawn]);
    expect((await search(caseworker, {})).body.total).toBe(43);
    expect(ids(await search(caseworker, { state: 'rejected' }))).toEqual([]);
    const refused = await search(caseworker, { state: 'lost', age: 'ancient' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['age', 'state']);
  });

  it('is for the intake staff: a partner is refused, and sees only what their organisation sent', async () => {
    const refused = await search(partner, { name: 'Olena' });
    expect(refused.status).toBe(403);
    const sent = await injectJson(app, 'GET', '/api/v1/referrals/sent', await as(partner));
    expect(sent.body.map((row: { name: string }) => row.name)).toEqual(['Partner Referred']);
    // Intake is national: a caseworker of another office sees the same queue as the director, and only what the list grants.
    const fromTampere = await search(tampereCaseworker, { name: 'Elena Kovalenko' });
    expect(fromTampere.body.rows).toHaveLength(1);
    expect(Object.keys(fromTampere.body.rows[0]).sort()).toEqual(
      Object.keys((await search(director, { name: 'Elena' })).body.rows[0]).sort(),
    );
    expect(fromTampere.body.rows[0]).not.toHaveProperty('contact');
  });

  it('logs the read with the persons on the page shown, and no others', async () => {
    await search(director, { name: 'Elena Kovalenko' });
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'referrals.queue')
      .where('actor_id', '=', director.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const personId = (
      await ctx.db.selectFrom('referrals').select('person_id').where('id', '=', made.get('Олена Коваленко')!).executeTakeFirstOrThrow()
    ).person_id;
    expect(entry.details).toMatchObject({ clients: [personId] });
  });
});

describe('consent in a referral', () => {
  const consentProblems = async (consent: Record<string, unknown>) => {
    const response = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), referral({}, { consent }));
    expect(response.status).toBe(400);
    return response.body.error.details.map((detail: { field: string; problem: string }) => `${detail.field} ${detail.problem}`).sort();
  };

  it('reports only the problems of the answer given: consent given, or a child referred without it', async () => {
    expect(await consentProblems({ given: true })).toEqual(['consent.at required', 'consent.givenBy required', 'consent.method required']);
    expect(await consentProblems({ given: true, givenBy: 'person', at: 'yesterday', method: 'in_writing' })).toEqual(['consent.at format']);
    expect(await consentProblems({ given: false })).toEqual(['consent.overrideReason required']);
    expect(await consentProblems({ given: false, overrideReason: 'Too short' })).toEqual(['consent.overrideReason minLength']);
    // Without an answer, consent is asked for as given: no line about the child's branch.
    expect(await consentProblems({})).toEqual([
      'consent.at required',
      'consent.given required',
      'consent.givenBy required',
      'consent.method required',
    ]);
  });
});
