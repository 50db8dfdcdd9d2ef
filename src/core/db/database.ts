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
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
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
