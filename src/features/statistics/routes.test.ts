import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, sessionFor } from '../../../test/support/factories.ts';
import { importRegister } from '../exchange/importRegister.ts';
import { demoRegisterLines } from '../exchange/demoRegister.ts';
import { neutraliseFormula, toCsv, toXlsx } from './download.ts';
import { previewRelease, publishRelease } from './releases.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: Record<string, string>;
let researcher: Record<string, string>;
let researcherId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await importRegister(
    ctx,
    { actorId: null, actorRole: 'command_line', ip: null },
    [...demoRegisterLines({ clients: 150, fromYear: 2019, toYear: 2021, seed: 3 })].join('\n'),
  );
  caseworker = await sessionFor(ctx, (await makeAccount(ctx, 'caseworker')).id);
  // The published form is the year's release: the director publishes both years first.
  const director = { actorId: (await makeAccount(ctx, 'director')).id, actorRole: 'director', ip: null };
  for (const year of [2019, 2020])
    await publishRelease(ctx, director, year, { fingerprint: (await previewRelease(ctx, director, year)).fingerprint });
  const account = await makeAccount(ctx, 'researcher');
  researcherId = account.id;
  researcher = await sessionFor(ctx, account.id);
}, 60_000);
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('statistics through the API', () => {
  it('gives staff the internal form with every count, and logs the read', async () => {
    const { status, body } = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020?form=internal', caseworker);
    expect(status).toBe(200);
    expect(body.published).toBe(false);
    expect(Object.values(body.tables.referrals_by_source.cells).some((n) => typeof n === 'number' && n >= 1 && n <= 4)).toBe(true);
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'details'])
      .where('action', '=', 'statistics.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ outcome: 'succeeded', details: { year: 2020, form: 'internal' } });
  });

  it('gives a researcher the published form only; asking for the internal one is refused and logged', async () => {
    const published = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020', researcher);
    expect(published.status).toBe(200);
    expect(published.body.published).toBe(true);
    for (const { cells } of Object.values(published.body.tables) as Array<{ cells: Record<string, number | null> }>) {
      for (const value of Object.values(cells)) expect(value === null || value === 0 || value >= 5).toBe(true);
    }
    const internal = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020?form=internal', researcher);
    expect(internal.status).toBe(403);
    const denial = await ctx.db
      .selectFrom('audit_log')
      .select(['outcome'])
      .where('action', '=', 'statistics.read')
      .where('actor_id', '=', researcherId)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denial).toHaveLength(1);
  });

  it('refuses a year out of range with a translated message', async () => {
    const future = await injectJson(app, 'GET', '/api/v1/statistics/annual/2999', caseworker);
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('year_out_of_range');
    expect(future.body.error.message).toMatch(/^Tilastot ovat saatavilla vuosilta 1990–\d{4}\.$/);
    const text = await injectJson(app, 'GET', '/api/v1/statistics/annual/twenty', caseworker);
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('validation_failed');
  });

  it('downloads CSV with both years side by side, hidden counts empty', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/statistics/annual/2020/download?format=csv&compare=2019&language=fi',
      headers: researcher,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="polku-statistics-2019-2020-published.csv"');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Taulukko,Taulukon otsikko,Solu,Luokka,2019,2020');
    expect(lines).toContainEqual(
      expect.stringMatching(/^new_clients_by_purpose,Uudet asiakkaat: hyväksikäytön tarkoitus,forced_labour,Pakkotyö,\d*,\d*$/),
    );
    const cells = lines.slice(1).flatMap((line) => line.split(',').slice(4));
    expect(cells.every((cell) => cell === '' || Number(cell) === 0 || Number(cell) >= 5)).toBe(true);
  });

  it('downloads CSV with semicolons for spreadsheets set for Finland: UTF-8 with its byte order mark', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/statistics/annual/2020/download?format=csv-semicolon&language=fi',
      headers: researcher,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="polku-statistics-2020-published-semicolon.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Taulukko;Taulukon otsikko;Solu;Luokka;2020');
    expect(lines).toContainEqual(
      expect.stringMatching(/^new_clients_by_purpose;Uudet asiakkaat: hyväksikäytön tarkoitus;forced_labour;Pakkotyö;\d*$/),
    );
  });

  it('tells the first year the register has data for', async () => {
    const report = await injectJson(app, 'GET', '/api/v1/statistics/annual/2020', researcher);
    const first = await ctx.db.selectFrom('referrals').select('received_at').orderBy('received_at').limit(1).executeTakeFirstOrThrow();
    expect(report.body.firstYear).toBe(
      Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(first.received_at)),
    );
  });

  it('downloads an XLSX workbook whose texts are never formulas', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/statistics/annual/2020/download?format=xlsx&form=internal&language=sv',
      headers: caseworker,
    });
    expect(response.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<t xml:space="preserve">Nya klienter: avsikt för utnyttjande</t>');
    expect(sheet).not.toContain('<f>');
    expect(strFromU8(files['xl/workbook.xml'])).toContain('name="Polku 2020"');
  });
});

describe('downloads are safe to open in a spreadsheet', () => {
  const hostile = [['table', '=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '7']];

  it('CSV: texts starting with = + - or @ are quoted as plain text; counts stay numbers', () => {
    const csv = toCsv([['a', 'b', 'c', 'd', 'e', 'f'], ...hostile]);
    const row = csv.replace(/^\uFEFF/, '').split('\r\n')[1];
    expect(row).toBe(`table,"'=HYPERLINK(""http://evil"")",'+1,'-2+3,'@SUM(A1),7`);
    const semicolons = toCsv([['a', 'b', 'c', 'd', 'e', 'f'], ...hostile, ['x;y', 'z', 'c', 'd', 'e', '3']], ';')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(semicolons[1]).toBe(`table;"'=HYPERLINK(""http://evil"")";'+1;'-2+3;'@SUM(A1);7`);
    expect(semicolons[2]).toBe('"x;y";z;c;d;e;3');
    expect(neutraliseFormula('Naiset')).toBe('Naiset');
  });

  it('XLSX: every text is an inline string, so nothing can be evaluated', () => {
    const sheet = strFromU8(unzipSync(toXlsx([['a', 'b', 'c', 'd', 'e', 'f'], ...hostile], 'x'))['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&#34;http://evil&#34;)</t></is></c>');
    expect(sheet).toContain('<c r="F2"><v>7</v></c>');
    expect(sheet).not.toContain('<f>');
  });
});
