import { sql } from 'kysely';
import { protectedContext } from '../crypto/protectedColumns.ts';
import type { AppContext } from '../context.ts';
import { indexPersonName, sealPersonName } from './personNames.ts';

/**
 * Names stored before names were sealed: each is sealed in place and, for a person, indexed, in one
 * transaction, so no plain name is left behind. Run after the migrations at every start; a database
 * with nothing in plain text is left as it is.
 */
export async function sealPlaintextNames(ctx: AppContext): Promise<number> {
  const plain = (column: string) => sql<boolean>`${sql.ref(column)} is not null and ${sql.ref(column)} not like 'enc1:%'`;
  return ctx.db.transaction().execute(async (trx) => {
    // The migrations' lock: two servers starting together do not seal the same rows twice.
    await sql`select pg_advisory_xact_lock(7501)`.execute(trx);
    let sealed = 0;
    const persons = await trx.selectFrom('persons').select(['id', 'name']).where(plain('name')).execute();
    for (const person of persons) {
      await trx
        .updateTable('persons')
        .set({ name: sealPersonName(ctx.cipher, person.id, person.name) })
        .where('id', '=', person.id)
        .execute();
      await indexPersonName(trx, ctx.keyring, person.id, person.name);
      sealed++;
    }
    for (const { table, column } of [
      { table: 'referrals', column: 'referrer_name' },
      { table: 'identification_experts', column: 'member_name' },
    ]) {
      const rows = await sql<{
        id: string;
        value: string;
      }>`select id::text as id, ${sql.ref(column)} as value from ${sql.table(table)} where ${plain(column)}`.execute(trx);
      for (const row of rows.rows) {
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${ctx.cipher.encrypt(row.value, protectedContext(table, column, row.id))} where id::text = ${row.id}`.execute(
          trx,
        );
        sealed++;
      }
    }
    return sealed;
  });
}
