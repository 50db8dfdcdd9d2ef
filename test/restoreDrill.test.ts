import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { main } from '../src/cli/main.ts';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/server/createContext.ts';
import { installDemo } from '../src/features/demo/installDemo.ts';
import { exportedRegister } from './support/exportedRegister.ts';
import { verifyAuditLog } from '../src/core/audit/verifyAuditLog.ts';
import { createScratchDatabase } from './support/scratchDatabase.ts';
import { freePort } from './support/ownCluster.ts';
import { startServerProcess } from './support/serverProcesses.ts';
import type { Database } from '../src/core/db/database.ts';

// The drill an operator runs: back up, lose the database, restore, and check that it is the same
// database — the audit chain verifies, every table has its rows, the register exports identically.
let folder: string;
let databaseUrl: string | undefined;
let dropDatabase = async () => {};
const environment = { ...process.env };

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-drill-'));
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL, 'polku_drill');
    databaseUrl = scratch.url;
    dropDatabase = scratch.drop;
  }
  // The commands read their configuration from the environment, as on a server.
  Object.assign(process.env, { POLKU_DATA_DIR: path.join(folder, 'data'), DATABASE_URL: databaseUrl ?? '', POLKU_LANG: 'en' });
  process.env.POLKU_KEY_FILE = path.join(folder, 'keys', 'polku.keys.json');
});

afterAll(async () => {
  process.env = environment;
  await dropDatabase();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function snapshot() {
  const ctx = await createContext(loadConfig());
  try {
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(
      ctx.db,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = await countRows(ctx.db, name);
    const exported = (await exportedRegister(ctx.db, ctx.keyring)).text;
    const audit = await verifyAuditLog(ctx.db, ctx.keyring.auditKey, null);
    return { counts, exported, audit };
  } finally {
    await ctx.close();
  }
}

async function countRows(db: Database, table: string) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return rows[0].n;
}

async function polku(...args: string[]) {
  const said: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void said.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
  try {
    return { code: await main(args), said: said.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('the restore drill', { timeout: 180_000 }, () => {
  it('backs up, loses the database, restores: the audit chain verifies, counts and the export are the same', async () => {
    const ctx = await createContext(loadConfig());
    await installDemo(ctx);
    await ctx.close();
    const before = await snapshot();
    expect(before.audit.problems).toEqual([]);
    expect(before.counts.audit_log).toBeGreaterThan(0);
    expect(before.exported.split('\n').length).toBeGreaterThan(10);

    const backup = path.join(folder, 'polku.backup');
    const backedUp = await polku('backup', backup);
    expect(backedUp.code).toBe(0);
    expect(backedUp.said).toContain('is not in the backup');

    // The key file is never in the backup.
    const keyFile = fs.readFileSync(process.env.POLKU_KEY_FILE!, 'utf8');
    const masterKey = Object.values((JSON.parse(keyFile) as { masterKeys: Record<string, string> }).masterKeys)[0];
    const inside = databaseUrl
      ? spawnSync('pg_restore', ['--file=-', backup], { encoding: 'latin1', maxBuffer: 1 << 28 }).stdout
      : gunzipSync(fs.readFileSync(backup)).toString('latin1');
    expect(inside.length).toBeGreaterThan(1000);
    expect(inside).not.toContain(String(masterKey));

    // Lost: the embedded database's folder, or everything in the server's database.
    if (databaseUrl) {
      const ctxToWipe = await createContext(loadConfig());
      await sql.raw('drop schema public cascade; create schema public').execute(ctxToWipe.db);
      await ctxToWipe.close();
    } else {
      fs.rmSync(path.join(process.env.POLKU_DATA_DIR!, 'pg'), { recursive: true });
    }

    const restored = await polku('restore', backup);
    expect(restored.said).toContain('the audit chain is intact');
    expect(restored.code).toBe(0);

    const after = await snapshot();
    expect(after.audit.problems).toEqual([]);
    // The backup holds the entry of the first snapshot's export; the second export adds its own.
    expect(after.audit.entries).toBe(before.audit.entries + 1);
    expect(after.counts).toEqual({ ...before.counts, audit_log: before.counts.audit_log + 1 });
    expect(after.exported).toBe(before.exported);
  });

  // The embedded database belongs to the one process that runs it; the backup comes from that server.
  it.skipIf(process.env.TEST_DATABASE_URL)('backs up the embedded database while its server runs, and the server goes on', async () => {
    const before = await snapshot();
    const server = await startServerProcess(
      { POLKU_DATA_DIR: process.env.POLKU_DATA_DIR!, POLKU_KEY_FILE: process.env.POLKU_KEY_FILE! },
      await freePort(),
    );
    const backup = path.join(folder, 'while-running.backup');
    try {
      // Without the server's help this would be refused: the folder is locked by the running server.
      const backedUp = await polku('backup', backup);
      expect(backedUp.said).toContain('Backup written');
      expect(backedUp.code).toBe(0);
      expect((await fetch(`${server.base}/health/ready`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    fs.rmSync(path.join(process.env.POLKU_DATA_DIR!, 'pg'), { recursive: true });
    expect((await polku('restore', backup)).code).toBe(0);
    const after = await snapshot();
    expect(after.audit.problems).toEqual([]);
    expect(after.exported).toBe(before.exported);
  });

  it('refuses a file that is not a backup of this kind of database, and changes nothing', async () => {
    const other = path.join(folder, 'not-a-backup.txt');
    fs.writeFileSync(other, 'hello');
    const refused = await polku('restore', other);
    expect(refused.code).toBe(1);
    expect(refused.said).toMatch(/is not a backup of/);
    expect((await snapshot()).audit.problems).toEqual([]);
  });
});
