import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { FieldCipher, insertDataKey, unwrapDataKey, wrapDataKey } from './fieldCipher.ts';
import { newMasterKeyId, saveKeyring, type Keyring } from './keys.ts';
import { protectedColumns, protectedContext } from './protectedColumns.ts';

/**
 * Rotation: optionally a new master key (kept beside the old ones in the key file), always a new data key.
 * Every protected value is re-sealed with the new data key and every data key re-wrapped under the
 * current master key, in one transaction; the old data keys are then retired.
 */
export async function rotateKeys(
  db: Database,
  keyring: Keyring,
  options: { keyFile?: string; newMasterKey?: boolean },
): Promise<{ resealed: number; masterKey: string }> {
  if (options.newMasterKey) {
    const id = newMasterKeyId();
    keyring.masterKeys[id] = randomBytes(32);
    keyring.currentMasterKey = id;
    if (options.keyFile) saveKeyring(options.keyFile, keyring);
  }
  let resealed = 0;
  await db.transaction().execute(async (trx) => {
    const oldCipher = await FieldCipher.load(trx, keyring);
    const oldKeys = await trx.selectFrom('data_keys').selectAll().execute();
    await trx.updateTable('data_keys').set({ retired_at: new Date() }).where('retired_at', 'is', null).execute();
    await insertDataKey(trx, keyring);
    const newCipher = await FieldCipher.load(trx, keyring);
    for (const { table, column } of protectedColumns) {
      const rows = await sql<{
        id: string;
        value: string;
      }>`select id::text as id, ${sql.ref(column)} as value from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(trx);
      for (const row of rows.rows) {
        const context = protectedContext(table, column, row.id);
        const value = newCipher.encrypt(oldCipher.decrypt(row.value, context), context);
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value} where id::text = ${row.id}`.execute(trx);
        resealed++;
      }
    }
    for (const key of oldKeys) {
      await trx
        .updateTable('data_keys')
        .set({ master_key_id: keyring.currentMasterKey, wrapped_key: wrapDataKey(key.id, unwrapDataKey(key, keyring), keyring) })
        .where('id', '=', key.id)
        .execute();
    }
  });
  return { resealed, masterKey: keyring.currentMasterKey };
}
