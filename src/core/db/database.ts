import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
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
    // A connection the server drops (a restart, a failover, a network blip) emits `error` on the
    // pool; without a listener Node ends the process. The pool forgets that connection and makes a
    // new one for the next request, which fails with 503 until the database answers again.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    const connectionLost = (error: Error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`, 'DatabaseWarning');
    pool.on('error', connectionLost);
    // A connection lost while lent out (between a transaction's statements) emits on the client itself.
    pool.on('connect', (client) => client.on('error', connectionLost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.pglite) {
    const db = new Kysely<DB>({ dialect: new PGliteDialect(options.pglite) });
    return { db, kind: 'pglite', close: () => db.destroy() };
  }
  if (!options.dataDir) throw new Error('openDatabase needs databaseUrl or dataDir');
  const release = lockDataFolder(options.dataDir);
  try {
    const pglite = await PGlite.create(path.join(options.dataDir, 'pg'), pgliteOptions);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
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
