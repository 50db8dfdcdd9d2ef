// Importing a whole register from an exchange file, against PostgreSQL's own COPY of the same rows
// into the same schema, measured in the same run. The import validates every line, checks the file
// against what the register holds and writes in one transaction; COPY only loads rows.
// The import reads the file from disk as a stream, as `polku import` does; its peak memory is the
// process's resident size sampled while it runs. Both databases in one run: embedded databases in
// new temporary folders, then new databases on the PostgreSQL server.
// Run: npm run bench:import [-- --clients 100000 --postgres postgres://postgres@localhost:5433/postgres --only postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { loadConfig } from '../src/core/config.ts';
import { pgliteOptions, type Database } from '../src/core/db/database.ts';
import { createContext } from '../src/server/createContext.ts';
import { commandLine as who } from '../src/cli/commands/withContext.ts';
import { exportRegister } from '../src/features/exchange/exportRegister.ts';
import { createdCount, importRegister } from '../src/features/exchange/importRegister.ts';
import { lineMappings } from '../src/features/exchange/registerLines.ts';
import { generateRegister } from './support/generateRegister.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    postgres: { type: 'string', default: process.env.DATABASE_URL || 'postgres://postgres@localhost:5433/postgres' },
    // One database only: `pglite` or `postgres` (a large register on one, without waiting for the other).
    only: { type: 'string' },
  },
});
const clients = Number(values.clients);
const tables = lineMappings.map((mapping) => mapping.table);
let databaseUrl: string | undefined;
let scratch = '';

/** The highest resident size of this process while `work` runs, sampled every 20 ms. */
async function peakMemory<T>(work: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(sampler);
  }
}

/** A new, empty installation: its own embedded folder, or its own database on the server. */
async function installation(name: string) {
  let url: string | undefined;
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const database = `polku_bench_${name}`;
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    await admin.end();
    const parsed = new URL(databaseUrl);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  }
  const config = loadConfig({ POLKU_DATA_DIR: path.join(scratch, name) }, { databaseUrl: url });
  return { ...(await createContext(config)), url, dataDir: config.dataDir };
}

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};
const count = async (db: Database, table: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);

async function run(url: string | undefined) {
  databaseUrl = url;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-bench-import-'));
  // The register to import: generated, then exported as the file an administrator would bring.
  const source = await installation('source');
  await generateRegister(source.db, clients);
  // Written to disk and not kept: the import reads the file as `polku import` does.
  const filePath = path.join(scratch, 'register.ndjson');
  const { lines, fileBytes } = await exportRegister(source.db, source.keyring, who).then(({ text }) => {
    fs.writeFileSync(filePath, text);
    return { lines: text.trimEnd().split('\n').length, fileBytes: Buffer.byteLength(text) };
  });
  const expected = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(source.db, table)] as const)));
  await source.close();

  // Polku's import into an empty installation.
  const target = await installation('import');
  global.gc?.();
  const before = process.memoryUsage().rss;
  const [[summary, importMs], peak] = await peakMemory(() =>
    time(() => importRegister(target, who, fs.createReadStream(filePath, 'utf8'))),
  );
  const file = fs.readFileSync(filePath, 'utf8');
  for (const table of tables) {
    const have = await count(target.db, table);
    if (have !== expected[table]) throw new Error(`${table}: imported ${have} rows, the register had ${expected[table]}`);
  }
  if ((await exportRegister(target.db, target.keyring, who)).text !== file)
    throw new Error('export after import differs from the imported file');

  // COPY of the rows the import wrote (as CSV) into another empty installation.
  const csv: Record<string, string> = {};
  const copyTarget = await installation('copy');
  let copyMs: number;
  if (databaseUrl) {
    const from = new pg.Client({ connectionString: target.url });
    await from.connect();
    for (const table of tables) {
      const chunks: Buffer[] = [];
      await pipeline(from.query(copyStreams.to(`copy ${table} to stdout with (format csv)`)), async (stream) => {
        for await (const chunk of stream) chunks.push(chunk);
      });
      csv[table] = Buffer.concat(chunks).toString('utf8');
    }
    await from.end();
    await copyTarget.close();
    const into = new pg.Client({ connectionString: copyTarget.url });
    await into.connect();
    [, copyMs] = await time(async () => {
      await into.query('begin');
      for (const table of tables)
        await pipeline(Readable.from([csv[table]]), into.query(copyStreams.from(`copy ${table} from stdin with (format csv)`)));
      await into.query('commit');
    });
    await into.end();
  } else {
    // The embedded database reads and writes COPY data through a blob in place of a file.
    await target.close();
    const from = await PGlite.create(path.join(target.dataDir, 'pg'), pgliteOptions);
    for (const table of tables) csv[table] = await (await from.query(`copy ${table} to '/dev/blob' with (format csv)`)).blob!.text();
    await from.close();
    await copyTarget.close();
    const into = await PGlite.create(path.join(copyTarget.dataDir, 'pg'), pgliteOptions);
    [, copyMs] = await time(() =>
      into.transaction(async (trx) => {
        for (const table of tables)
          await trx.query(`copy ${table} from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv[table]]) });
      }),
    );
    await into.close();
  }
  if (databaseUrl) await target.close();

  const rows = Object.values(expected).reduce((sum, n) => sum + n, 0);
  const created = createdCount(summary);
  if (created !== rows) throw new Error(`the import created ${created} rows, the register has ${rows}`);
  const rate = (ms: number) =>
    `${Math.round(rows / (ms / 1000))
      .toLocaleString('en')
      .padStart(9)} rows/s`;
  console.log(
    `${target.kind}: a register of ${clients.toLocaleString('en')} clients, ${lines.toLocaleString('en')} lines (${(fileBytes / 1e6).toFixed(1)} MB), ${rows.toLocaleString('en')} rows`,
  );
  console.log(`  PostgreSQL COPY of the same rows       ${(copyMs / 1000).toFixed(1).padStart(6)} s  ${rate(copyMs)}`);
  console.log(
    `  Polku import (validate, check, write)  ${(importMs / 1000).toFixed(1).padStart(6)} s  ${rate(importMs)}   ratio ${(importMs / copyMs).toFixed(1)}×`,
  );
  console.log(`  export after import gives the same file: yes`);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  // The peak is sampled while the import runs, so it can fall below the size before it when garbage is collected.
  const change = peak - before;
  console.log(
    `  peak memory of the process during the import: ${mb(peak)} (${mb(before)} before it, ${change < 0 ? '−' : '+'}${mb(Math.abs(change))})\n`,
  );
  fs.rmSync(scratch, { recursive: true, force: true });
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    for (const name of ['source', 'import', 'copy']) await admin.query(`drop database if exists polku_bench_${name}`);
    await admin.end();
  }
}

if (values.only !== 'postgres') await run(undefined);
if (values.only !== 'pglite') await run(values.postgres);
