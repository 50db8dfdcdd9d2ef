// What an authenticated, audited read of one client record costs, against a bare route of the same
// server, measured in the same run over real HTTP on loopback. Run: npm run bench [-- --requests N]
// Uses a fresh embedded database, or DATABASE_URL when set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/core/config.ts';
import { buildApp } from '../src/server/app.ts';
import { createContext } from '../src/server/createContext.ts';
import { installDemo } from '../src/features/demo/installDemo.ts';
import { findAccountByUsername } from '../src/features/accounts/queries.ts';
import { createSession, SESSION_COOKIE } from '../src/server/sessions.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '4' } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-bench-'));
const ctx = await createContext(loadConfig({ ...process.env, POLKU_DATA_DIR: dataDir }));
await installDemo(ctx);
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
const base = `http://127.0.0.1:${address.port}/api/v1`;

const caseworker = (await findAccountByUsername(ctx.db, 'ohjaaja@polku.demo'))!;
const { token } = await createSession(ctx.db, caseworker.id, 'complete', '127.0.0.1');
const client = (
  await ctx.db.selectFrom('client_assignments').select('client_id').where('account_id', '=', caseworker.id).executeTakeFirstOrThrow()
).client_id;
const headers = { cookie: `${SESSION_COOKIE}=${token}` };

async function measure(url: string, init: RequestInit): Promise<number[]> {
  const timings: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const started = performance.now();
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      timings.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return timings.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (name: string, sorted: number[], wall: number) =>
  `${name.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(sorted, 99).toFixed(2).padStart(7)} ms   ${(sorted.length / (wall / 1000)).toFixed(0).padStart(6)} req/s`;

await measure(`${base}/health`, {});
await measure(`${base}/clients/${client}`, { headers });

let started = performance.now();
const bare = await measure(`${base}/health`, {});
const bareWall = performance.now() - started;
started = performance.now();
const audited = await measure(`${base}/clients/${client}`, { headers });
const auditedWall = performance.now() - started;

const auditEntries = (
  await ctx.db.selectFrom('audit_log').select(ctx.db.fn.countAll().as('n')).where('action', '=', 'clients.read').executeTakeFirstOrThrow()
).n;
console.log(`Polku audited read benchmark — ${ctx.kind}, ${requests} requests per route, ${concurrency} at a time`);
console.log(summary('bare route (GET /health)', bare, bareWall));
console.log(summary('audited read (GET /clients/:id)', audited, auditedWall));
console.log(
  `ratio audited/bare: p50 ${(percentile(audited, 50) / percentile(bare, 50)).toFixed(1)}×, p99 ${(percentile(audited, 99) / percentile(bare, 99)).toFixed(1)}×, throughput ${(auditedWall / bareWall).toFixed(1)}×`,
);
console.log(`audit entries written for the reads: ${auditEntries}`);

await app.close();
await ctx.close();
fs.rmSync(dataDir, { recursive: true, force: true });
