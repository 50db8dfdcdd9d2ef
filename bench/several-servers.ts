// Throughput of audited record reads (GET /clients/:id) served by 1, 2 and 3 app processes on one
// PostgreSQL, the requests spread over the processes as a load balancer would (round robin), 32 at a
// time. Run: npm run bench:servers [-- --requests N]   (DATABASE_URL's server, or a throwaway cluster)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/server/createContext.ts';
import { installDemo } from '../src/features/demo/installDemo.ts';
import { findAccountByUsername } from '../src/features/accounts/queries.ts';
import { createSession, SESSION_COOKIE } from '../src/server/sessions.ts';
import { verifyAuditChain } from '../src/core/audit/audit.ts';
import { startServerProcess, type ServerProcess } from '../test/support/serverProcesses.ts';
import { benchDatabases } from './support/benchDatabases.ts';
import { freePort } from '../test/support/ownCluster.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '1200' }, concurrency: { type: 'string', default: '32' } },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const postgres = (await benchDatabases()).find((database) => database.name === 'PostgreSQL');
if (!postgres) {
  console.log('Several servers need PostgreSQL: set DATABASE_URL or install PostgreSQL.');
  process.exit(0);
}
const place = await postgres.create();
const env = {
  DATABASE_URL: place.databaseUrl!,
  POLKU_DATA_DIR: path.join(place.dataDir, 'data'),
  POLKU_KEY_FILE: path.join(place.dataDir, 'keys.json'),
};
const ctx = await createContext(loadConfig(env));
await installDemo(ctx);
const caseworker = (await findAccountByUsername(ctx.db, 'ohjaaja@polku.demo'))!;
const { token } = await createSession(ctx.db, caseworker.id, 'complete', '127.0.0.1');
const client = (
  await ctx.db.selectFrom('client_assignments').select('client_id').where('account_id', '=', caseworker.id).executeTakeFirstOrThrow()
).client_id;
const headers = { cookie: `${SESSION_COOKIE}=${token}` };

async function throughput(servers: ServerProcess[]): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const server = servers[next++ % servers.length];
      const response = await fetch(`${server.base}/clients/${client}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`answered ${response.status}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / ((performance.now() - started) / 1000);
}

const rows: string[] = [];
const servers: ServerProcess[] = [];
for (let count = 1; count <= 3; count++) {
  servers.push(await startServerProcess(env, await freePort()));
  await throughput(servers); // warm the new process
  rows.push(`${count} process${count > 1 ? 'es' : '  '}   ${(await throughput(servers)).toFixed(0).padStart(6)} req/s`);
  console.log(rows.at(-1));
}
await Promise.all(servers.map((server) => server.stop()));
const chain = await verifyAuditChain(ctx.db, ctx.keyring.auditKey);
console.log(`\nPolku on several processes — audited GET /clients/:id, ${requests} requests, ${concurrency} at a time, one PostgreSQL`);
for (const row of rows) console.log(row);
console.log(`audit chain: ${chain.entries} entries, ${chain.problems.length} problems`);
await ctx.close();
await place.drop();
postgres.done();
fs.rmSync(place.dataDir, { recursive: true, force: true });
