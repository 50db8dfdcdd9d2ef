import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, sessionFor } from '../../../test/support/factories.ts';
import { importRegister } from '../exchange/importRegister.ts';
import { demoRegisterLines } from '../exchange/demoRegister.ts';
import { lastReportYear } from './tables.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: Record<string, string>;
let researcher: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await importRegister(
    ctx,
    { actorId: null, actorRole: 'command_line', ip: null },
    [...demoRegisterLines({ clients: 150, fromYear: 2019, toYear: 2021, seed: 5 })].join('\n'),
  );
  director = await sessionFor(ctx, (await makeAccount(ctx, 'director')).id);
  researcher = await sessionFor(ctx, (await makeAccount(ctx, 'researcher')).id);
}, 60_000);
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const releaseCount = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from statistics_releases`.execute(ctx.db)).rows[0].n);
const preview = async (year: number) => (await injectJson(app, 'GET', `/api/v1/statistics/annual/${year}/release-preview`, director)).body;
const publishYear = (year: number, body: object) => injectJson(app, 'POST', `/api/v1/statistics/annual/${year}/releases`, director, body);

describe('publishing a year', () => {
  it('before publishing, no one reads a published form of the year, and the open data says it is not published', async () => {
    const read = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020', researcher);
    expect(read.status).toBe(404);
    expect(read.body.error).toMatchObject({ code: 'statistics_not_published', message: 'Vuoden 2020 tilastoja ei ole vielä julkaistu.' });
    const open = await app.inject({ method: 'GET', url: '/api/v1/public/statistics/2020', headers: { 'accept-language': 'sv' } });
    expect(open.statusCode).toBe(404);
    expect(open.json().error.message).toBe('Statistiken för 2020 har inte publicerats ännu.');
    expect(open.headers['cache-control']).toBe('no-store');
  });

  it('the director sees the internal and the published form side by side, and publishes exactly what was seen', async () => {
    const seen = await preview(2020);
    expect(seen.current).toBeNull();
    expect(Object.values(seen.internal.referrals_by_source.cells).some((n) => typeof n === 'number' && n >= 1 && n <= 4)).toBe(true);
    expect(Object.values(seen.published.referrals_by_source.cells)).toContain(null);

    const published = await publishYear(2020, { fingerprint: seen.fingerprint });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ year: 2020, version: 1, supersedes: null, superseded: false });
    const read = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020', researcher);
    expect(read.body.tables).toEqual(seen.published);
    expect(read.body.release).toMatchObject({ id: published.body.id, version: 1 });
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select(['outcome', 'details', 'actor_role'])
      .where('action', '=', 'statistics.publish')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      outcome: 'succeeded',
      actor_role: 'director',
      details: { year: 2020, version: 1, release: published.body.id },
    });
  });

  it('refuses, changing nothing, what was not seen, a year not over, a year out of range and a body with something else in it', async () => {
    const before = await releaseCount();
    const stale = await publishYear(2019, { fingerprint: 'not-what-was-seen' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'statistics_changed', message: expect.stringMatching(/^Luvut ovat muuttuneet/) });
    const thisYear = await publishYear(lastReportYear(), { fingerprint: 'x' });
    expect(thisYear.status).toBe(400);
    expect(thisYear.body.error.code).toBe('statistics_year_not_over');
    expect((await injectJson(app, 'GET', `/api/v1/statistics/annual/${lastReportYear()}/release-preview`, director)).status).toBe(400);
    expect((await publishYear(1900, { fingerprint: 'x' })).body.error.code).toBe('statistics_year_not_over');
    const extra = await publishYear(2019, { fingerprint: 'x', published: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('validation_failed');
    expect((await publishYear(2019, {})).body.error.details).toEqual([
      expect.objectContaining({ field: 'fingerprint', problem: 'required' }),
    ]);
    expect(await releaseCount()).toBe(before);
  });

  it('a year published after the year that follows it is protected together with it', async () => {
    const seen = await preview(2019);
    const published = await publishYear(2019, { fingerprint: seen.fingerprint });
    expect(published.status).toBe(201);
    // The preview of 2020 made before is now stale: the releases on record changed.
    expect((await publishYear(2021, { fingerprint: (await preview(2021)).fingerprint })).status).toBe(201);
  });

  it('a correction needs a reason, is refused when nothing would change, and supersedes the release, which stays on record', async () => {
    const first = await preview(2020);
    const noReason = await publishYear(2020, { fingerprint: first.fingerprint });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ field: 'reason', problem: 'required' })]);
    const unchanged = await publishYear(2020, { fingerprint: first.fingerprint, reason: 'Tarkistus' });
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.error.code).toBe('statistics_release_unchanged');

    // A late entry: one more client of 2020 ended that year.
    const { rows } = await sql<{ person_id: string }>`
      select r.person_id from decisions d join referrals r on r.id = d.referral_id
      where d.outcome = 'admitted' and d.decided_at < '2020-03-01' and not exists (select 1 from terminations t where t.person_id = r.person_id)
      limit 1`.execute(ctx.db);
    await ctx.db
      .insertInto('terminations')
      .values({ person_id: rows[0].person_id, at: new Date('2020-06-01T09:00:00+03:00'), reason: 'no_longer_needed' })
      .execute();
    const corrected = await preview(2020);
    expect(corrected.current).toMatchObject({ version: 1 });
    expect(corrected.internal.decisions.cells.terminated).toBe(first.internal.decisions.cells.terminated + 1);
    const correction = await publishYear(2020, { fingerprint: corrected.fingerprint, reason: '  Myöhään kirjattu päättyminen  ' });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({ version: 2, supersedes: first.current.id });

    const { body } = await injectJson(app, 'GET', '/api/v1/statistics/releases', researcher);
    const of2020 = body.releases.filter((release: { year: number }) => release.year === 2020);
    expect(of2020).toEqual([
      expect.objectContaining({ version: 2, superseded: false, correctionReason: 'Myöhään kirjattu päättyminen' }),
      expect.objectContaining({ version: 1, superseded: true, correctionReason: null }),
    ]);
    const earlier = await injectJson(app, 'GET', `/api/v1/statistics/releases/${of2020[1].id}`, researcher);
    expect(earlier.body.tables).toEqual(first.published);
    expect((await injectJson(app, 'GET', '/api/v1/statistics/annual/2020', researcher)).body.tables).toEqual(corrected.published);
    expect((await injectJson(app, 'GET', `/api/v1/statistics/releases/${crypto.randomUUID()}`, researcher)).body.error.code).toBe(
      'statistics_release_not_found',
    );

    // The download of a superseded release is that release, as it was published; of another year's, nothing.
    const download = (year: number, release?: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/statistics/annual/${year}/download?format=csv${release ? `&release=${release}` : ''}`,
        headers: researcher,
      });
    const [newest, asFirstPublished, asCorrected] = [
      await download(2020),
      await download(2020, of2020[1].id),
      await download(2020, of2020[0].id),
    ];
    expect(asFirstPublished.statusCode).toBe(200);
    expect(asFirstPublished.payload).not.toBe(newest.payload);
    expect(asCorrected.payload).toBe(newest.payload);
    expect((await download(2021, of2020[1].id)).json().error.code).toBe('statistics_release_not_found');
  });

  it('a release is kept as published: the database refuses to change or remove one', async () => {
    await expect(sql`update statistics_releases set year = 1999`.execute(ctx.db)).rejects.toThrow(/kept as published/);
    await expect(sql`delete from statistics_releases`.execute(ctx.db)).rejects.toThrow(/kept as published/);
  });
});

describe('open data without login', () => {
  it('gives the newest release of each year as JSON, exactly as the director published it, and lets caches keep it', async () => {
    const index = await app.inject({ method: 'GET', url: '/api/v1/public/statistics' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('public, max-age=300');
    expect(index.headers['set-cookie']).toBeUndefined();
    expect(index.json().years.map((year: { year: number; version: number }) => [year.year, year.version])).toEqual([
      [2019, 1],
      [2020, 2],
      [2021, 1],
    ]);

    const year = await app.inject({ method: 'GET', url: '/api/v1/public/statistics/2020' });
    expect(year.statusCode).toBe(200);
    expect(year.headers['content-type']).toBe('application/json; charset=utf-8');
    const staff = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020', researcher);
    expect(year.json()).toMatchObject({ year: 2020, version: 2, published: true, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(year.json().tables).toEqual(staff.body.tables);
    expect(JSON.stringify(year.json())).not.toContain('Myöhään');
  });

  it('gives a year as CSV with stable column names and the release date, safe to open in a spreadsheet', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/public/statistics/2020?format=csv',
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="polku-statistics-2020-release-2.csv"');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('year,release_version,release_date,table,cell,count');
    const published = (await app.inject({ method: 'GET', url: '/api/v1/public/statistics/2020' })).json();
    const date = published.date;
    for (const line of lines.slice(1)) {
      const [year, version, day, table, cell, count] = line.split(',');
      expect([year, version, day]).toEqual(['2020', '2', date]);
      expect(count === '' ? null : Number(count)).toBe(published.tables[table].cells[cell]);
    }
    expect(lines.length - 1).toBe(
      Object.values(published.tables).reduce((n: number, t) => n + Object.keys((t as { cells: object }).cells).length, 0),
    );
  });

  it('gives the time series of new clients since 2006 from the latest year published, as JSON and CSV', async () => {
    const json = (await app.inject({ method: 'GET', url: '/api/v1/public/statistics/time-series' })).json();
    expect(json.release).toMatchObject({ year: 2021, version: 1 });
    const latest = (await app.inject({ method: 'GET', url: '/api/v1/public/statistics/2021' })).json();
    expect(json.cells).toEqual(latest.tables.new_clients_by_year.cells);
    expect(Object.keys(json.cells).every((year) => Number(year) >= 2006)).toBe(true);
    const csv = await app.inject({ method: 'GET', url: '/api/v1/public/statistics/time-series?format=csv' });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('year,new_clients,release_year,release_version,release_date');
    expect(lines[1]).toBe(`2019,${json.cells['2019'] ?? ''},2021,1,${latest.date}`);
    expect(csv.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers bad input with a translated error that no cache keeps', async () => {
    const word = await app.inject({ method: 'GET', url: '/api/v1/public/statistics/twenty', headers: { 'accept-language': 'en' } });
    expect(word.statusCode).toBe(400);
    expect(word.json().error.code).toBe('validation_failed');
    expect(word.headers['cache-control']).toBe('no-store');
    const format = await app.inject({ method: 'GET', url: '/api/v1/public/statistics/2020?format=xml' });
    expect(format.statusCode).toBe(400);
    const notYet = await app.inject({ method: 'GET', url: '/api/v1/public/statistics/2018', headers: { 'accept-language': 'en' } });
    expect(notYet.json().error.message).toBe('The statistics for 2018 have not been published yet.');
  });
});
