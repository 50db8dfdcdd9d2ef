import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '../errors.ts';
import { pgliteOptions } from './database.ts';
import { lockDataFolder } from './lock.ts';

/**
 * Backups of the whole database, and never of the key file: a backup holds protected fields only
 * sealed, so it is safe to store apart from the key, which is backed up on its own.
 * - PostgreSQL: pg_dump's custom format, taken online (one consistent snapshot), and pg_restore.
 * - PGlite: its data folder as PGlite dumps it (a gzipped tar). While a server has the folder, the
 *   server itself takes the dump between statements and hands it over its backup socket.
 */
export interface DatabasePlace {
  databaseUrl?: string;
  dataDir: string;
}

const PG_DUMP_MAGIC = 'PGDMP';
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export async function backupDatabase(place: DatabasePlace, file: string): Promise<'postgres' | 'pglite'> {
  const partial = `${file}.partial`;
  try {
    if (place.databaseUrl) {
      await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], place.databaseUrl);
    } else {
      const bytes =
        (await fromRunningServer(place.dataDir)) ??
        (await withDataFolder(place.dataDir, async (pglite) => Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())));
      fs.writeFileSync(partial, bytes, { mode: 0o600 });
    }
    // A backup that is there is whole: written beside, then renamed.
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return place.databaseUrl ? 'postgres' : 'pglite';
}

/**
 * Puts the backup in place of the database. PostgreSQL: everything in the backup is replaced in one
 * transaction (pg_restore --clean --single-transaction). PGlite: the data folder's database is
 * moved aside (kept as pg.before-restore-<time>) and the backup unpacked in its place.
 */
export async function restoreDatabase(place: DatabasePlace, file: string): Promise<'postgres' | 'pglite'> {
  const head = Buffer.alloc(5);
  const handle = fs.openSync(file, 'r');
  try {
    fs.readSync(handle, head, 0, 5, 0);
  } finally {
    fs.closeSync(handle);
  }
  if (place.databaseUrl) {
    if (head.toString('latin1') !== PG_DUMP_MAGIC) throw new AppError(400, 'backup_not_postgres', { file });
    await runTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file],
      place.databaseUrl,
    );
    return 'postgres';
  }
  if (!head.subarray(0, 2).equals(GZIP_MAGIC)) throw new AppError(400, 'backup_not_pglite', { file });
  const release = lockDataFolder(place.dataDir);
  try {
    const pgDir = path.join(place.dataDir, 'pg');
    if (fs.existsSync(pgDir)) fs.renameSync(pgDir, `${pgDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const pglite = await PGlite.create(pgDir, { ...pgliteOptions, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await pglite.close();
  } finally {
    release();
  }
  return 'pglite';
}

/**
 * The socket in the data folder through which a running server hands over a dump of its embedded
 * database. Only the folder's owner can reach it (the folder is 0700, the socket 0600): whoever can
 * connect could copy the folder anyway.
 */
const backupSocket = (dataDir: string) => path.join(dataDir, 'polku.backup.sock');

/** In the server: answers each connection to the backup socket with a fresh dump, then closes it. */
export async function serveEmbeddedBackups(dataDir: string, dump: () => Promise<Blob>): Promise<() => Promise<void>> {
  const socketPath = backupSocket(dataDir);
  // A socket left by a server that did not stop cleanly; the folder's lock says no other server runs.
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((connection) => {
    connection.on('error', () => connection.destroy());
    dump()
      .then(async (blob) => connection.end(Buffer.from(await blob.arrayBuffer())))
      .catch(() => connection.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  fs.chmodSync(socketPath, 0o600);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A dump from the server running on the folder, or null when none answers on its backup socket. */
function fromRunningServer(dataDir: string): Promise<Buffer | null> {
  const socketPath = backupSocket(dataDir);
  if (!fs.existsSync(socketPath)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let connected = false;
    const connection = net.connect(socketPath, () => (connected = true));
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.on('error', (error: NodeJS.ErrnoException) =>
      // Nobody listening: the socket is left from a server that stopped, and the folder is free.
      !connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')
        ? resolve(null)
        : reject(new AppError(500, 'backup_server_failed', { folder: dataDir })),
    );
    connection.on('close', (failed) => {
      const bytes = Buffer.concat(chunks);
      if (failed || !bytes.subarray(0, 2).equals(GZIP_MAGIC)) reject(new AppError(500, 'backup_server_failed', { folder: dataDir }));
      else resolve(bytes);
    });
  });
}

async function withDataFolder<T>(dataDir: string, work: (pglite: PGlite) => Promise<T>): Promise<T> {
  const pgDir = path.join(dataDir, 'pg');
  if (!fs.existsSync(pgDir)) throw new AppError(400, 'backup_no_database', { folder: dataDir });
  const release = lockDataFolder(dataDir);
  try {
    const pglite = await PGlite.create(pgDir, pgliteOptions);
    try {
      return await work(pglite);
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * pg_dump and pg_restore from PATH, with their own message when they fail (it names what went
 * wrong). The password travels in the environment, not on the command line others can list.
 */
function runTool(program: string, args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `--dbname=${url.toString()}`], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new AppError(500, 'backup_tool_missing', { program }) : error),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new AppError(500, 'backup_tool_failed', { program, message: stderr.trim().split('\n').slice(-3).join(' ') })),
    );
  });
}
