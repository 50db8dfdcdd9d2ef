import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { fairWorkChecks } from './codes.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let caseworker: TestAccount;
let coach: TestAccount;
let partner: TestAccount;
const clients: string[] = [];

type Shown = { table: string; columns: string[]; rows: Array<{ row: string; counts: Array<number | null> }> };
const cell = (tables: Shown[], table: string, row: string, column: string) => {
  const found = tables.find((t) => t.table === table)!;
  return found.rows.find((r) => r.row === row)!.counts[found.columns.indexOf(column)];
};
const read = async (account: TestAccount, query = '', year = '2025') =>
  injectJson(app, 'GET', `/api/v1/pathway/outcomes/${year}${query}`, await sessionFor(ctx, account.id));

/** One of each record the report counts, written as the register holds it. */
async function admit(person: string, on: string) {
  const referral = randomUUID();
  await ctx.db
    .insertInto('referrals')
    .values({
      id: referral,
      register_id: referral,
      person_id: person,
      received_at: `${on}T09:00:00+02:00`,
      source: 'self',
      consent_at: `${on}T09:00:00+02:00`,
    })
    .execute();
  await ctx.db
    .insertInto('decisions')
    .values({ register_id: randomUUID(), referral_id: referral, decided_at: `${on}T12:00:00+02:00`, outcome: 'admitted' })
    .execute();
}
async function directoryEntry(service: string) {
  const id = randomUUID();
  await ctx.db
    .insertInto('pathway_directory')
    .values({ id, organisation_id: 'monika', service, name: service, region: 'Uusimaa', languages: ['fi'], how_to_refer: 'By phone' })
    .execute();
  return id;
}
async function service(person: string, directoryId: string, status: string, startedOn: string | null, endedOn: string | null = null) {
  await ctx.db
    .insertInto('pathway_services')
    .values({
      id: randomUUID(),
      person_id: person,
      directory_id: directoryId,
      status,
      proposed_on: '2025-01-20',
      referred_on: status === 'proposed' ? null : '2025-01-25',
      consent_on: status === 'proposed' ? null : '2025-01-25',
      started_on: startedOn,
      ended_on: endedOn,
      drop_reason: status === 'dropped' ? 'Moved away' : null,
    })
    .execute();
}
async function placement(person: string, employerId: string, kind: string, startsOn: string, unmet: string[] = []) {
  const checks = Object.fromEntries(fairWorkChecks.map((check) => [check, !unmet.includes(check)]));
  await ctx.db
    .insertInto('pathway_placements')
    .values({
      id: randomUUID(),
      person_id: person,
      employer_id: employerId,
      kind,
      starts_on: startsOn,
      checked_on: startsOn,
      checks: JSON.stringify(checks),
    })
    .execute();
}
async function checkpoint(person: string, kind: string, level: string, language?: { language: string; skills: Record<string, string> }) {
  await ctx.db
    .insertInto('pathway_checkpoints')
    .values({
      id: randomUUID(),
      person_id: person,
      kind,
      assessed_on: '2025-03-01',
      assessor: 'Nurse',
      level,
      language: language?.language ?? null,
      skills: language ? JSON.stringify(language.skills) : null,
      source: language ? 'teacher' : null,
    })
    .execute();
}
const goal = (source: string, status: string, extra: Record<string, unknown> = {}) => ({
  text: `${source} ${status}`,
  source,
  status,
  setOn: '2025-02-01',
  ...extra,
});
async function plan(person: string, kind: string, goals: unknown[]) {
  const created = await injectJson(app, 'POST', `/api/v1/clients/${person}/plans`, await sessionFor(ctx, caseworker.id), {
    kind,
    drawnBy: 'Municipal social work',
    drawnWith: 'The client',
    drawnOn: '2025-02-01',
    goals,
    partners: [],
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  director = await makeAccount(ctx, 'director');
  caseworker = await makeAccount(ctx, 'caseworker');
  coach = await makeAccount(ctx, 'coach');
  partner = await makeAccount(ctx, 'partner', { organisationId: 'monika' });
  for (let i = 0; i < 7; i++) clients.push((await makeClient(ctx, caseworker, { name: `Outcome Client ${i}` })).id);
  const [c1, c2, c3, c4, c5, c6, c7] = clients;
  for (const person of [c1, c2, c3, c4, c5, c6]) await admit(person, '2025-01-10');
  for (const person of [c1, c2, c3, c4, c5, c6]) await plan(person, 'client', [goal('client', 'active'), goal('worker', 'achieved')]);
  await plan(c1, 'integration', [goal('employment_office_plan', 'on_hold', { holdReason: 'Therapy first' })]);
  // A revision after the year changes nothing of the year: plans count as they stood at its end.
  const later = await plan(c7, 'client', [goal('client', 'active')]);
  await ctx.db.updateTable('pathway_plan_versions').set({ drawn_on: '2026-02-01' }).where('plan_id', '=', later).execute();
  for (const person of [c1, c2, c3, c4, c5]) await checkpoint(person, 'mental_state', 'ready');
  await checkpoint(c6, 'mental_state', 'not_yet');
  await checkpoint(c1, 'literacy', 'functional');
  await checkpoint(c1, 'language', 'B1', { language: 'fi', skills: { speaking: 'B1', reading: 'A2' } });
  await checkpoint(c2, 'language', 'B2', { language: 'en', skills: { speaking: 'B2' } });
  const training = await directoryEntry('vocational_training');
  const mentoring = await directoryEntry('mentoring');
  await service(c5, training, 'completed', '2025-02-09', '2025-11-30');
  await service(c6, mentoring, 'dropped', '2025-05-01', '2025-06-01');
  await service(c2, mentoring, 'started', '2025-09-01');
  await service(c3, mentoring, 'proposed', null);
  const employer = randomUUID();
  await ctx.db
    .insertInto('pathway_employers')
    .values({ id: employer, name: 'Kitchen Oy', engagement: ['placements'], contact_persons: 'HR' })
    .execute();
  await placement(c1, employer, 'work_tryout', '2025-03-11');
  await placement(c2, employer, 'employment', '2025-04-10', ['minimum_wage', 'no_fee_or_debt']);
  await placement(c3, employer, 'employment', '2025-05-10');
  await placement(c4, employer, 'employment', '2025-06-09');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('the outcome report of the path to work', () => {
  it('counts the year internally: persons, goals by source and status, checkpoints, services, placements, time to work', async () => {
    const response = await read(director, '?form=internal');
    expect(response.status).toBe(200);
    const { tables, timeToWorkOrStudies, form } = response.body;
    expect(form).toBe('internal');
    expect(
      ['on_path', 'with_plan', 'with_client_plan', 'with_integration_plan'].map((row) => cell(tables, 'persons', row, 'persons')),
    ).toEqual([6, 6, 6, 1]);
    expect(cell(tables, 'goals', 'client', 'active')).toBe(6);
    expect(cell(tables, 'goals', 'worker', 'achieved')).toBe(6);
    expect(cell(tables, 'goals', 'employment_office_plan', 'on_hold')).toBe(1);
    expect(cell(tables, 'goals', 'total', 'total')).toBe(13);
    expect(cell(tables, 'mental_state', 'ready', 'persons')).toBe(5);
    expect(cell(tables, 'mental_state', 'not_yet', 'persons')).toBe(1);
    expect(cell(tables, 'literacy', 'functional', 'persons')).toBe(1);
    expect(cell(tables, 'literacy', 'not_assessed', 'persons')).toBe(5);
    // The level reached in every skill assessed, in Finnish or Swedish only.
    expect(cell(tables, 'language', 'A2', 'persons')).toBe(1);
    expect(cell(tables, 'language', 'not_assessed', 'persons')).toBe(5);
    expect(['used', 'completed', 'dropped', 'continuing'].map((c) => cell(tables, 'services', 'mentoring', c))).toEqual([2, 0, 1, 1]);
    expect(['used', 'completed', 'dropped', 'continuing'].map((c) => cell(tables, 'services', 'total', c))).toEqual([3, 1, 1, 1]);
    expect(cell(tables, 'placements', 'employment', 'placements')).toBe(3);
    expect(cell(tables, 'placements', 'total', 'warnings')).toBe(1);
    expect(cell(tables, 'fair_work_unmet', 'minimum_wage', 'placements')).toBe(1);
    expect(['work', 'studies', 'total'].map((row) => cell(tables, 'first_work_or_studies', row, 'persons'))).toEqual([4, 1, 5]);
    // 30, 60, 90, 120 and 150 days from admission.
    expect(timeToWorkOrStudies).toEqual({ persons: 5, median: 90, lowerQuartile: 60, upperQuartile: 120 });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', director.id)
      .where('action', '=', 'pathway.outcomes.read')
      .execute();
    expect(audit.at(-1)).toMatchObject({ outcome: 'succeeded', details: { year: 2025, form: 'internal' }, client_id: null });
  });

  it('publishes no count from 1 to 4 and no hidden count that the shown counts and totals give away', async () => {
    const response = await read(director);
    expect(response.status).toBe(200);
    const tables: Shown[] = response.body.tables;
    const counts = tables.flatMap((t) => t.rows.flatMap((r) => r.counts));
    expect(counts.filter((n) => n !== null && n >= 1 && n <= 4)).toEqual([]);
    // Ready (5) with not yet (1) hidden would give not yet away through the 6 on the path: more is hidden.
    expect(cell(tables, 'mental_state', 'not_yet', 'persons')).toBeNull();
    expect(cell(tables, 'persons', 'on_path', 'persons') === null || cell(tables, 'mental_state', 'ready', 'persons') === null).toBe(true);
    expect(attack(tables)).toEqual([]);
    expect(response.body.timeToWorkOrStudies).toEqual({ persons: 5, median: 90, lowerQuartile: 60, upperQuartile: 120 });
  });

  it('shows no median or quartiles over fewer than five persons in the published form', async () => {
    await placement(
      clients[5],
      (await ctx.db.selectFrom('pathway_employers').select('id').executeTakeFirstOrThrow()).id,
      'placement',
      '2026-02-01',
    );
    const internal = await read(director, '?form=internal', '2026');
    expect(internal.body.timeToWorkOrStudies).toEqual({ persons: 1, median: 387, lowerQuartile: 387, upperQuartile: 387 });
    const published = await read(director, '', '2026');
    expect(published.body.timeToWorkOrStudies).toEqual({ persons: null, median: null, lowerQuartile: null, upperQuartile: null });
  });

  it('downloads as CSV and XLSX, hidden counts left empty', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/pathway/outcomes/2025/file?format=csv',
      headers: await sessionFor(ctx, director.id),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('polku-outcomes-2025-published.csv');
    const lines = csv.body.split('\r\n');
    expect(lines.find((line) => line.includes('mental_state.not_yet.persons'))).toMatch(/,$/);
    expect(lines.find((line) => line.includes('time_to_work.median.days'))).toMatch(/,90$/);
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/v1/pathway/outcomes/2025/file?format=xlsx&form=internal',
      headers: await sessionFor(ctx, director.id),
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('is refused, and the refusal audited, to a caseworker, a coach and a partner', async () => {
    for (const account of [caseworker, coach, partner]) {
      for (const query of ['', '?form=internal']) expect((await read(account, query)).status).toBe(403);
      const file = await app.inject({
        method: 'GET',
        url: '/api/v1/pathway/outcomes/2025/file?format=csv',
        headers: await sessionFor(ctx, account.id),
      });
      expect(file.statusCode).toBe(403);
      const refused = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('actor_id', '=', account.id)
        .where('outcome', '=', 'denied')
        .execute();
      expect(refused.map((entry) => entry.action)).toContain('pathway.outcomes.published');
    }
  });

  it('answers a bad year or form with a translated 400', async () => {
    const headers = { ...(await sessionFor(ctx, director.id)), 'accept-language': 'fi' };
    const early = await injectJson(app, 'GET', '/api/v1/pathway/outcomes/1999', headers);
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ code: 'pathway_outcome_year' });
    expect(early.body.error.message).toContain('Tuloksellisuusraportti');
    expect((await injectJson(app, 'GET', '/api/v1/pathway/outcomes/2999', headers)).status).toBe(400);
    expect((await injectJson(app, 'GET', '/api/v1/pathway/outcomes/20x5', headers)).status).toBe(400);
    expect((await injectJson(app, 'GET', '/api/v1/pathway/outcomes/2025?form=everything', headers)).status).toBe(400);
  });
});

/**
 * An outsider who knows how the report's counts add up (written apart from the report's own sums)
 * and that a hidden count is 1–4 or 0: every hidden count they can work out exactly.
 */
function attack(tables: Shown[]): string[] {
  const known = new Map<string, number>();
  const hidden = new Set<string>();
  for (const t of tables)
    for (const r of t.rows)
      r.counts.forEach((n, i) => {
        const key = `${t.table}.${r.row}.${t.columns[i]}`;
        if (n === null) hidden.add(key);
        else known.set(key, n);
      });
  const rowsOf = (table: string) => tables.find((t) => t.table === table)!.rows.map((r) => r.row);
  const columnsOf = (table: string) => tables.find((t) => t.table === table)!.columns;
  const equations: Array<{ total: string; parts: string[] }> = [];
  for (const table of ['mental_state', 'literacy', 'language'])
    equations.push({ total: 'persons.on_path.persons', parts: rowsOf(table).map((row) => `${table}.${row}.persons`) });
  for (const table of ['goals', 'services', 'placements', 'first_work_or_studies']) {
    const rows = rowsOf(table).filter((row) => row !== 'total');
    const columns = columnsOf(table);
    const partColumns =
      table === 'goals' ? columns.filter((c) => c !== 'total') : table === 'services' ? ['completed', 'dropped', 'continuing'] : [];
    const totalColumn = table === 'goals' ? 'total' : 'used';
    for (const column of columns)
      equations.push({ total: `${table}.total.${column}`, parts: rows.map((row) => `${table}.${row}.${column}`) });
    if (partColumns.length > 0)
      for (const row of [...rows, 'total'])
        equations.push({ total: `${table}.${row}.${totalColumn}`, parts: partColumns.map((c) => `${table}.${row}.${c}`) });
  }
  const found: string[] = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const { total, parts } of equations) {
      const terms: Array<[string, number]> = [[total, 1], ...parts.map((part): [string, number] => [part, -1])];
      const open = terms.filter(([key]) => !known.has(key));
      if (open.length === 0) continue;
      const rest = -terms.filter(([key]) => known.has(key)).reduce((sum, [key, c]) => sum + c * known.get(key)!, 0);
      const sign = open[0][1];
      const sameSign = open.every(([, c]) => c === sign);
      let values: number[] | null = null;
      if (open.length === 1) values = [rest / sign];
      else if (sameSign && rest * sign === open.length) values = open.map(() => 1);
      else if (sameSign && rest * sign === 4 * open.length) values = open.map(() => 4);
      if (!values) continue;
      open.forEach(([key], i) => {
        known.set(key, values[i]);
        if (hidden.has(key)) found.push(key);
      });
      progress = true;
    }
  }
  return found;
}
