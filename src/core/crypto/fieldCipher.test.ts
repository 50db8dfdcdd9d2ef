import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FieldCipher } from './fieldCipher.ts';
import { rotateKeys } from './rotateKeys.ts';
import { protectedContext } from './protectedColumns.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { makeAccount, makeClient } from '../../../test/support/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

/** Everything a database dump would contain, as text. */
async function dumpAsText(): Promise<string> {
  const tables = ['persons', 'accounts', 'audit_log', 'data_keys', 'client_shares'];
  const parts = await Promise.all(
    tables.map(async (table) => JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(ctx.db)).rows)),
  );
  return parts.join('\n');
}

describe('protected fields', () => {
  it('are sealed in the database and opened only with their own row context', async () => {
    const caseworker = await makeAccount(ctx, 'caseworker');
    const { id } = await makeClient(ctx, caseworker, {
      contact: 'Call only Tuesdays 10-12 +358401234567',
      whereabouts: 'Turvakoti Kalliontie 5',
    });
    const dump = await dumpAsText();
    expect(dump).not.toContain('+358401234567');
    expect(dump).not.toContain('Kalliontie');
    const row = await ctx.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.contact).toMatch(/^enc1:k[0-9a-f-]+:/);
    expect(ctx.cipher.decrypt(row.contact!, protectedContext('persons', 'contact', id))).toBe('Call only Tuesdays 10-12 +358401234567');
    // A value copied onto another row or column does not open.
    expect(() => ctx.cipher.decrypt(row.contact!, protectedContext('persons', 'whereabouts', id))).toThrow();
  });

  it('survive key rotation, including a new master key, and old data keys are retired', async () => {
    const caseworker = await makeAccount(ctx, 'caseworker');
    const { id } = await makeClient(ctx, caseworker, { whereabouts: 'Safe house Lintulahti' });
    const before = await ctx.db.selectFrom('persons').select('whereabouts').where('id', '=', id).executeTakeFirstOrThrow();
    const result = await rotateKeys(ctx.db, ctx.keyring, { keyFile: ctx.config.keyFile, newMasterKey: true });
    expect(result.resealed).toBeGreaterThan(0);
    const after = await ctx.db.selectFrom('persons').select('whereabouts').where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.whereabouts).not.toEqual(before.whereabouts);
    expect(after.whereabouts!.split(':')[1]).not.toEqual(before.whereabouts!.split(':')[1]);
    const cipher = await FieldCipher.load(ctx.db, ctx.keyring);
    expect(cipher.decrypt(after.whereabouts!, protectedContext('persons', 'whereabouts', id))).toBe('Safe house Lintulahti');
    const keys = await ctx.db.selectFrom('data_keys').selectAll().execute();
    expect(keys.filter((key) => key.retired_at === null)).toHaveLength(1);
    expect(new Set(keys.map((key) => key.master_key_id))).toEqual(new Set([result.masterKey]));
    ctx.cipher = cipher;
  });
});
