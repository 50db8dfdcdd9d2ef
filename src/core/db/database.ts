import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { DB } from './types.ts';
import { lockDataFolder } from './lock.ts';

export type Database = Kysely<DB>;

export interface OpenDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** The embedded database's data folder as a gzipped tar, taken between statements (a backup while it runs). */
  dumpEmbedded?: () => Promise<Blob>;
}

// Both drivers return the same JavaScript values: counts as numbers (pg gives int8 as strings)
// and calendar dates as 'YYYY-MM-DD' strings (a Date would shift them by the server's time zone).
const DATE_OID = 1082;
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(DATE_OID, (value) => value);
export const pgliteOptions = { parsers: { [DATE_OID]: (value: string) => value } };

export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; pglite?: PGlite }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    // JIT compilation is off: Polku's statements are short, and an import's large checks were
    // measured about a second slower each with it (the compiling cost more than it saved). An
    // `options` in DATABASE_URL still decides.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000, options: '-c jit=off' });
    // A connection the server drops (a restart, a failover, a network blip) emits `error` on the
    // pool; without a listener Node ends the process. The pool forgets that connection and makes a
    // new one for the next request, which fails with 503 until the database answers again.
    const connectionLost = (error: Error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`, 'DatabaseWarning');
    pool.on('error', connectionLost);
    // A connection lost while lent out (between a transaction's statements) emits on the client itself.
    pool.on('connect', (client) => client.on('error', connectionLost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    copiers.set(db, (statement, data) => copyThroughPool(pool, statement, data));
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.pglite) {
    const db = new Kysely<DB>({ dialect: new PGliteDialect(options.pglite) });
    copiers.set(db, copyThroughPGlite(db, options.pglite));
    return { db, kind: 'pglite', close: () => db.destroy() };
  }
  if (!options.dataDir) throw new Error('openDatabase needs databaseUrl or dataDir');
  const release = lockDataFolder(options.dataDir);
  try {
    const pglite = await PGlite.create(path.join(options.dataDir, 'pg'), pgliteOptions);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    copiers.set(db, copyThroughPGlite(db, pglite));
    return {
      db,
      kind: 'pglite',
      // Holding the one connection, so no transaction is open while the folder is read.
      dumpEmbedded: () => db.connection().execute(() => pglite.dumpDataDir('gzip')),
      async close() {
        await db.destroy(); // the PGlite dialect closes the instance itself
        if (!pglite.closed) await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

type Copier = (statement: string, data: string) => Promise<void>;
const copiers = new WeakMap<Database, Copier>();

/**
 * Loads rows with `COPY … FROM STDIN` (text format: tab between columns, one row a line, `\N` for
 * null), several times faster than INSERT for many rows. It runs on a connection of its own, outside
 * any transaction of `db`, and commits on its own: for staging tables.
 */
export async function copyRows(db: Database, statement: string, data: string): Promise<void> {
  const copy = copiers.get(db);
  if (!copy) throw new Error('copyRows needs a database opened by openDatabase');
  await copy(statement, data);
}

async function copyThroughPool(pool: pg.Pool, statement: string, data: string) {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyStreams.from(statement));
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(data);
    });
  } catch (error) {
    failed = error as Error;
    throw error;
  } finally {
    // A connection whose copy failed half-way is not lent out again.
    client.release(failed);
  }
}

// The embedded database reads COPY data from a blob in place of standard input. It has one
// connection: the copy waits its turn on it like any query, so it never runs inside another's transaction.
const copyThroughPGlite = (db: Database, pglite: PGlite) => (statement: string, data: string) =>
  db.connection().execute(async () => {
    await pglite.query(statement.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'"), [], { blob: new Blob([data]) });
  });

/**
 * The errors that say the database cannot be reached now, not that the request is wrong: a refused
 * or dropped connection, a server shutting down or starting up (SQLSTATE class 08, 57P01–57P03).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(message)
  );
}
