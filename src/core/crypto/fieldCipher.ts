import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { Keyring } from './keys.ts';

/**
 * Envelope encryption of protected fields: each value is sealed with AES-256-GCM under a data key;
 * data keys are stored wrapped by a master key from the keyring. The stored value names its data key,
 * and the value's context (table, column, row) is bound as associated data so a value cannot be moved.
 */
const PREFIX = 'enc1';

export class FieldCipher {
  private constructor(
    private readonly dataKeys: Map<string, Buffer>,
    private readonly currentDataKeyId: string,
  ) {}

  static async load(db: Database, keyring: Keyring): Promise<FieldCipher> {
    let rows = await db.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
    if (!rows.some((row) => row.retired_at === null)) {
      await insertDataKey(db, keyring);
      rows = await db.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
    }
    const dataKeys = new Map(rows.map((row) => [row.id, unwrapDataKey(row, keyring)]));
    const current = rows.filter((row) => row.retired_at === null).at(-1)!;
    return new FieldCipher(dataKeys, current.id);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKeys.get(this.currentDataKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      PREFIX,
      this.currentDataKeyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      sealed.toString('base64url'),
    ].join(':');
  }

  decrypt(stored: string, context: string): string {
    const [prefix, keyId, iv, tag, sealed] = stored.split(':');
    const key = this.dataKeys.get(keyId);
    if (prefix !== PREFIX || !key) throw new Error(`Protected value sealed with unknown key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }

  encryptOptional(plaintext: string | null | undefined, context: string): string | null {
    return plaintext == null || plaintext === '' ? null : this.encrypt(plaintext, context);
  }

  decryptOptional(stored: string | null, context: string): string | null {
    return stored === null ? null : this.decrypt(stored, context);
  }
}

export async function insertDataKey(db: Database, keyring: Keyring): Promise<string> {
  const id = `k${randomUUID()}`;
  await db
    .insertInto('data_keys')
    .values({ id, master_key_id: keyring.currentMasterKey, wrapped_key: wrapDataKey(id, randomBytes(32), keyring) })
    .execute();
  return id;
}

export function wrapDataKey(id: string, dataKey: Buffer, keyring: Keyring): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.masterKeys[keyring.currentMasterKey], iv);
  cipher.setAAD(Buffer.from(`data-key:${id}`));
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join(':');
}

export function unwrapDataKey(row: { id: string; master_key_id: string; wrapped_key: string }, keyring: Keyring): Buffer {
  const masterKey = keyring.masterKeys[row.master_key_id];
  if (!masterKey) throw new Error(`Data key ${row.id} is wrapped by master key ${row.master_key_id}, which the key file does not hold`);
  const [iv, tag, sealed] = row.wrapped_key.split(':').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
  decipher.setAAD(Buffer.from(`data-key:${row.id}`));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}
