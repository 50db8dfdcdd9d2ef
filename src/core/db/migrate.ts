import { sql } from 'kysely';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

/** Forward-only numbered migrations, each in its own transaction; an advisory lock keeps two servers from racing. */
export async function migrate(db: Database): Promise<string[]> {
  await sql`create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  for (const migration of migrations) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(7501)`.execute(trx);
      const done = await sql<{ id: string }>`select id from schema_migrations where id = ${migration.id}`.execute(trx);
      if (done.rows.length > 0) return;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await sql`insert into schema_migrations (id) values (${migration.id})`.execute(trx);
      applied.push(migration.id);
    });
  }
  return applied;
}
