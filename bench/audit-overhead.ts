// What the audit costs a record read: throughput of an authenticated, audited read of one client
// record (GET /clients/:id, its audit entry written with the read and linked into the chain) against
// the same read by the same server code with every audit statement left out, over real HTTP on
// loopback at 1, 4, 16 and 64 connections, on PGlite and PostgreSQL in one run. Goal: under 1.5×.
// Run: npm run bench:audit [-- --requests N]   (PostgreSQL: DATABASE_URL, or a throwaway cluster)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase, pgliteOptions } from '../src/core/db/database.ts';
import { migrate } from '../src/core/db/migrate.ts';
import type { DB } from '../src/core/db/types.ts';
import { loadKeyring } from '../src/core/crypto/keys.ts';
import { FieldCipher } from '../src/core/crypto/fieldCipher.ts';
import { verifyAuditChain } from '../src/core/audit/audit.ts';
import { buildApp } from '../src/server/app.ts';
import { installDemo } from '../src/features/demo/installDemo.ts';
import { findAccountByUsername } from '../src/features/accounts/queries.ts';
import { createSession, SESSION_COOKIE } from '../src/server/sessions.ts';
import { benchDatabases } from './support/benchDatabases.ts';
import { withoutAudit } from './support/withoutAudit.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '1500' } } });
const requests = Number(values.requests);
const connections = [1, 4, 16, 64];

async function throughput(url: string, headers: Record<string, string>, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / ((performance.now() - started) / 1000);
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
}

const rows: string[] = [];
for (const database of await benchDatabases()) {
  const place = await database.create();
  const pglite = place.databaseUrl ? undefined : await PGlite.create(path.join(place.dataDir, 'pg'), pgliteOptions);
  const opened = await openDatabase(pglite ? { pglite } : { databaseUrl: place.databaseUrl });
  await migrate(opened.db);
  const config = loadConfig({ POLKU_DATA_DIR: place.dataDir }, { databaseUrl: place.databaseUrl });
  const keyring = loadKeyring(config.keyFile);
  const ctx = { config, db: opened.db, keyring, cipher: await FieldCipher.load(opened.db, keyring) };
  await installDemo(ctx);
  const bareDb = new Kysely<DB>({
    dialect: withoutAudit(
      pglite ? new PGliteDialect(pglite) : new PostgresDialect({ pool: new pg.Pool({ connectionString: place.databaseUrl, max: 10 }) }),
    ),
  });
  const audited = await buildApp(ctx);
  const bare = await buildApp({ ...ctx, db: bareDb });

  const caseworker = (await findAccountByUsername(ctx.db, 'ohjaaja@polku.demo'))!;
  const { token } = await createSession(ctx.db, caseworker.id, 'complete', '127.0.0.1');
  const client = (
    await ctx.db.selectFrom('client_assignments').select('client_id').where('account_id', '=', caseworker.id).executeTakeFirstOrThrow()
  ).client_id;
  const headers = { cookie: `${SESSION_COOKIE}=${token}` };
  const auditedUrl = `${await listen(audited)}/clients/${client}`;
  const bareUrl = `${await listen(bare)}/clients/${client}`;
  // Warm both (the first reads compile queries and fill caches).
  await throughput(auditedUrl, headers, 4);
  await throughput(bareUrl, headers, 4);
  for (const concurrency of connections) {
    const withAudit = await throughput(auditedUrl, headers, concurrency);
    const withoutIt = await throughput(bareUrl, headers, concurrency);
    rows.push(
      `${database.name.padEnd(11)} ${String(concurrency).padStart(3)}   ${withAudit.toFixed(0).padStart(7)}   ${withoutIt.toFixed(0).padStart(7)}   ${(withoutIt / withAudit).toFixed(2)}×`,
    );
    console.log(rows.at(-1));
  }
  const chain = await verifyAuditChain(ctx.db, keyring.auditKey);
  rows.push(`${database.name.padEnd(11)} audit chain: ${chain.entries} entries, ${chain.problems.length} problems`);
  console.log(rows.at(-1));
  await audited.close();
  await bare.close();
  if (!pglite) await bareDb.destroy();
  await opened.close();
  await place.drop();
  database.done();
}

console.log(`\nPolku audit overhead — GET /clients/:id, ${requests} requests per measurement (req/s)`);
console.log('database    conn  audited  no audit  cost');
for (const row of rows) console.log(row);
