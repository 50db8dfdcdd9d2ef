import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../core/db/database.ts';
import { migrations } from '../core/db/migrations/index.ts';

const run = promisify(execFile);
const polku = path.resolve('bin/polku.js');
let dataDir: string;
const env = () => ({
  ...process.env,
  POLKU_DATA_DIR: dataDir,
  DATABASE_URL: '',
  POLKU_LANG: 'en',
  PORT: String(3400 + Math.floor(Math.random() * 500)),
});

async function polkuCommand(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [polku, ...args], { env: env() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-cli-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}-audit`, { recursive: true, force: true });
});

// Each command is a new process opening the database: seconds each, more on a loaded machine.
describe('the polku command on the embedded database', { timeout: 120_000 }, () => {
  it('migrates, creates a user and verifies the audit chain', async () => {
    expect((await polkuCommand('migrate')).stdout).toContain(`Database up to date (${migrations.length} new migrations)`);
    const created = await polkuCommand('user', 'create', 'admin@test.polku', '--name', 'Admin', '--role', 'administrator');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Account admin@test\.polku created\. First password \(shown only now\): \S{12,}/);
    const verified = await polkuCommand('audit', 'verify');
    expect(verified.stdout).toMatch(/The audit chain is intact: 1 entries checked/);
    expect(verified.code).toBe(0);
  });

  it('refuses a bad role with usage help and exit code 2', async () => {
    const bad = await polkuCommand('user', 'create', 'x@test', '--name', 'X', '--role', 'king');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('administrator');
  });

  it('audit verify fails and says where when an entry is altered', async () => {
    const opened = await openDatabase({ dataDir });
    await sql.raw('alter table audit_log disable trigger user').execute(opened.db);
    await sql`update audit_log set actor_role = 'director' where seq = 1`.execute(opened.db);
    await sql.raw('alter table audit_log enable trigger user').execute(opened.db);
    await opened.close();
    const verified = await polkuCommand('audit', 'verify');
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('entry 1 was altered');
  });

  it('imports a register file all or nothing, again without changes, and exports it', async () => {
    const broken = path.join(dataDir, 'broken.ndjson');
    fs.writeFileSync(broken, `${fs.readFileSync('test/fixtures/register-sample.ndjson', 'utf8')}{"type":"person"\n`);
    const refused = await polkuCommand('import', broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The file was not imported and nothing was changed: 1 problems.');
    expect(refused.stderr).toContain('Line 23: the line is not valid JSON.');
    expect((await polkuCommand('import', 'test/fixtures/register-sample.ndjson')).stdout).toContain(
      'Imported: 22 lines, 22 new, 0 already in the register.',
    );
    expect((await polkuCommand('import', 'test/fixtures/register-sample.ndjson')).stdout).toContain(
      'Imported: 22 lines, 0 new, 22 already in the register.',
    );
    const exported = path.join(dataDir, 'export.ndjson');
    expect((await polkuCommand('export', exported)).stdout).toContain('Exported: 22 lines');
    expect(fs.readFileSync(exported, 'utf8').trim().split('\n').sort()).toEqual(
      fs.readFileSync('test/fixtures/register-sample.ndjson', 'utf8').trim().split('\n').sort(),
    );
  });

  it('prints the annual statistics as JSON and as readable tables, and no published form before a release', async () => {
    const internal = JSON.parse((await polkuCommand('stats', 'annual', '--year', '2024', '--json')).stdout);
    expect(internal).toMatchObject({ year: 2024, published: false });
    expect(internal.tables.decisions.cells).toEqual({ admitted: 2, rejected: 1, terminated: 0, pending_at_year_end: 1 });
    expect(internal.tables.referrals_summary.cells).toEqual({ referrals: 4, persons: 4 });
    // The published form is the director's release, never counted live: before one, the command says so.
    const unpublished = await polkuCommand('stats', 'annual', '--year', '2024', '--json', '--published');
    expect(unpublished.code).toBe(1);
    expect(unpublished.stdout).toBe('');
    expect(unpublished.stderr).toContain('The statistics for 2024 have not been published yet.');
    const text = await polkuCommand('stats', 'annual', '--year', '2024');
    expect(text.stdout).toContain('Statistics of the assistance system 1.1.–31.12.2024');
    expect(text.stdout).toMatch(/Decisions of the assistance system {2}\[decisions\]\n {2}Admitted +2\n/);
    const bad = await polkuCommand('stats', 'annual', '--year', 'last');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: polku stats annual --year YYYY');
  });

  it('writes an invented register that imports cleanly, and refuses nonsense options', async () => {
    const file = path.join(dataDir, 'demo.ndjson');
    expect((await polkuCommand('demo-register', '--clients', '30', '--years', '2019-2020', '--seed', '5', '--out', file)).code).toBe(0);
    expect(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('"type":"person"')),
    ).toHaveLength(30);
    // Into an empty register: this folder already holds the sample, whose person ids the demo reuses.
    const sharedDataDir = dataDir;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-cli-demo-'));
    try {
      expect((await polkuCommand('import', file)).stdout).toMatch(/Imported: \d+ lines, \d+ new, 0 already in the register\./);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      dataDir = sharedDataDir;
    }
    const bad = await polkuCommand('demo-register', '--clients', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: polku demo-register');
  });

  it('a second process on the same data folder gets a clear error', async () => {
    const server: ChildProcess = spawn('node', [polku, 'start'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout!.on('data', (chunk) => {
          if (String(chunk).includes('Polku is serving')) resolve();
        });
        server.once('exit', () => reject(new Error('server exited')));
      });
      const second = await polkuCommand('migrate');
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/The database folder .* is in use by another process \(\d+\)\./);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    expect((await polkuCommand('migrate')).code).toBe(0);
  });

  // After the server above: it wrote a checkpoint at start, outside the data folder.
  it('anchors the audit log with signed checkpoints outside the data folder, and verify names a cut end', async () => {
    const checkpointFile = `${dataDir}-audit/checkpoints.ndjson`;
    expect(fs.readFileSync(checkpointFile, 'utf8')).toContain('"type":"polku.audit.checkpoint"');
    const written = await polkuCommand('audit', 'checkpoint');
    expect(written.code).toBe(0);
    const last = Number(/Checkpoint written: entry (\d+),/.exec(written.stdout)?.[1]);
    expect(written.stdout).toContain(checkpointFile);

    const opened = await openDatabase({ dataDir });
    await sql.raw('alter table audit_log disable trigger user').execute(opened.db);
    await sql`delete from audit_log where seq = ${last}`.execute(opened.db);
    await opened.close();
    const verified = await polkuCommand('audit', 'verify', '--public-key', `${dataDir}-audit/signing-key.pem.pub`);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('the append-only trigger audit_log_no_update_or_delete is disabled');
    expect(verified.stderr).toContain(`entries ${last}–${last} were cut from the end of the log`);
  });
});
