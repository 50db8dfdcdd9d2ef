// What reading a client's record costs as the record grows: the same audited read over HTTP of a
// record with 10 notes and of one with 10,000 (and a document and a task a hundred notes), on the
// embedded database and on the PostgreSQL server in the same run. Goal: the large record within 1.5×.
// Run: npm run bench:record [-- --reads 200 --postgres postgres://postgres@localhost:5433/postgres]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.ts';
import { protectedContext } from '../src/core/crypto/protectedColumns.ts';
import { createSession, SESSION_COOKIE } from '../src/server/sessions.ts';
import { createTestContext, type TestContext } from '../test/support/testContext.ts';
import { makeAccount, makeClient } from '../test/support/factories.ts';

const { values } = parseArgs({
  options: {
    reads: { type: 'string', default: '200' },
    postgres: { type: 'string', default: process.env.DATABASE_URL || 'postgres://postgres@localhost:5433/postgres' },
  },
});
const reads = Number(values.reads);
const SIZES = [10, 10_000];

/** A client with `notes` notes an hour apart, by two authors, every tenth sensitive. */
async function clientWithNotes(ctx: TestContext, caseworker: Awaited<ReturnType<typeof makeAccount>>, notes: number) {
  const { id: clientId } = await makeClient(ctx, caseworker, { name: `Asiakas ${notes}` });
  const start = Date.parse('2020-01-01T08:00:00Z');
  for (let from = 0; from < notes; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, notes - from) }, (_, offset) => {
      const index = from + offset;
      const id = randomUUID();
      return {
        id,
        person_id: clientId,
        author_id: caseworker.id,
        at: new Date(start + index * 3_600_000),
        sensitivity: index % 10 === 0 ? 'sensitive' : 'normal',
        body: ctx.cipher.encrypt(
          `Tapaaminen ${index}: asiakas kertoi tilanteestaan ja sovimme seuraavista askelista.`,
          protectedContext('client_notes', 'body', id),
        ),
      };
    });
    await ctx.db.insertInto('client_notes').values(rows).execute();
  }
  return clientId;
}

async function measure(url: string, headers: Record<string, string>) {
  const timings: number[] = [];
  let bytes = 0;
  for (let index = 0; index < reads; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    timings.push(performance.now() - started);
    bytes = body.byteLength;
  }
  timings.sort((a, b) => a - b);
  return { p50: timings[Math.floor(timings.length / 2)], p90: timings[Math.floor(timings.length * 0.9)], bytes };
}

async function run(database: 'PGlite' | 'PostgreSQL') {
  if (database === 'PostgreSQL') process.env.TEST_DATABASE_URL = values.postgres;
  else delete process.env.TEST_DATABASE_URL;
  const ctx = await createTestContext();
  try {
    const caseworker = await makeAccount(ctx, 'caseworker');
    const clients = [];
    for (const size of SIZES) clients.push({ size, id: await clientWithNotes(ctx, caseworker, size) });
    await sql`analyze`.execute(ctx.db);
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const { token } = await createSession(ctx.db, caseworker.id, 'complete', '127.0.0.1');
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    const results = [];
    for (const client of clients) {
      const url = `http://127.0.0.1:${port}/api/v1/clients/${client.id}`;
      await measure(url, headers); // warm up
      results.push({ ...client, ...(await measure(url, headers)) });
    }
    await app.close();
    for (const result of results)
      console.log(
        `${database.padEnd(11)} ${String(result.size).padStart(6)} notes   p50 ${result.p50.toFixed(2).padStart(6)} ms   p90 ${result.p90.toFixed(2).padStart(6)} ms   ${(result.bytes / 1024).toFixed(1).padStart(6)} KB`,
      );
    const ratio = results[1].p50 / results[0].p50;
    console.log(`${database.padEnd(11)} 10,000 / 10 notes: ${ratio.toFixed(2)}× (goal ≤ 1.5×)${ratio <= 1.5 ? '' : '  OVER'}\n`);
    return ratio;
  } finally {
    await ctx.close();
  }
}

console.log(`Record read as it grows: ${reads} audited reads of each record, one at a time, over HTTP\n`);
const ratios = [await run('PGlite'), await run('PostgreSQL')];
if (ratios.some((ratio) => ratio > 1.5)) process.exitCode = 1;
