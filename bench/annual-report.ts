// The whole annual report over a register of a million clients, timed against hand-written SQL
// aggregate queries for the same tables, run directly on the same database in the same run.
// Both must give the same numbers; the bench checks that before it prints any time.
// Run: npm run bench:statistics [-- --clients N --year Y --rounds R]
// Uses DATABASE_URL when set, else an embedded database in POLKU_BENCH_DIR (kept, so the register
// is generated once) or a new temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/core/db/database.ts';
import { migrate } from '../src/core/db/migrate.ts';
import type { DB } from '../src/core/db/types.ts';
import { annualReport } from '../src/features/statistics/annualReport.ts';
import { publish } from '../src/features/statistics/disclosure.ts';
import { generateRegister } from './support/generateRegister.ts';
import { rawAnnualTables } from './support/rawAnnualSql.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000000' },
    year: { type: 'string', default: '2020' },
    rounds: { type: 'string', default: '5' },
  },
});
const clients = Number(values.clients);
const year = Number(values.year);
const rounds = Number(values.rounds);

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = databaseUrl ? undefined : (process.env.POLKU_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'polku-bench-stats-')));
const opened = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
const db: Kysely<DB> = opened.db;
await migrate(db);

const have = Number((await sql<{ n: number }>`select count(*) as n from persons`.execute(db)).rows[0].n);
if (have !== clients) {
  if (have > 0) throw new Error(`the database holds ${have} persons, not ${clients}: use an empty one`);
  const started = performance.now();
  await generateRegister(db, clients);
  console.log(`generated a register of ${clients.toLocaleString('en')} persons in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// Same numbers first: a fast wrong answer is not a result.
const report = await annualReport(db, year);
const raw = await rawAnnualTables(db, year);
for (const [table, { cells }] of Object.entries(report.tables)) {
  const nonZero = Object.fromEntries(Object.entries(cells).filter(([, n]) => n !== 0));
  if (JSON.stringify(Object.entries(nonZero).sort()) !== JSON.stringify(Object.entries(raw[table] ?? {}).sort())) {
    throw new Error(`${table} differs:\nreport ${JSON.stringify(nonZero)}\nraw    ${JSON.stringify(raw[table] ?? {})}`);
  }
}

const time = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const rawTimes: number[] = [];
const reportTimes: number[] = [];
const publishTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  rawTimes.push(await time(() => rawAnnualTables(db, year)));
  reportTimes.push(await time(() => annualReport(db, year)));
  publishTimes.push(await time(async () => publish(report)));
}
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const newClients = report.tables.new_clients_by_year.cells[String(year)];
const atYearEnd = report.tables.clients_at_year_end_summary.cells.clients;
console.log(
  `${opened.kind}: annual report ${year} over ${clients.toLocaleString('en')} persons (${newClients} new clients, ${atYearEnd} clients on 31.12), median of ${rounds}`,
);
console.log(`  hand-written SQL aggregates  ${median(rawTimes).toFixed(0).padStart(7)} ms`);
console.log(
  `  Polku annual report          ${median(reportTimes).toFixed(0).padStart(7)} ms   ratio ${(median(reportTimes) / median(rawTimes)).toFixed(2)}×`,
);
console.log(`  + disclosure control         ${median(publishTimes).toFixed(0).padStart(7)} ms`);
await opened.close();
if (!process.env.POLKU_BENCH_DIR && dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
