import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { loadKeyring } from '../crypto/keys.ts';
import { protectedContext } from '../crypto/protectedColumns.ts';
import { rotateKeys } from '../crypto/rotateKeys.ts';
import { FieldCipher } from '../crypto/fieldCipher.ts';
import { openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { createContext } from '../../server/createContext.ts';
import { createScratchDatabase } from '../../../test/support/scratchDatabase.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { makeAccount, makeClient } from '../../../test/support/factories.ts';
import { nameIndexTerms, nameSearchTerms, openPersonName, personsNamed } from './personNames.ts';
import { sealPlaintextNames } from './sealPlaintextNames.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const found = async (typed: string) =>
  (await personsNamed(ctx.db, nameSearchTerms(ctx.keyring, typed)).execute()).map((row) => row.person_id);

describe('the blind index of names', () => {
  it('finds a person by a typed name in another script or spelling, by every word typed', async () => {
    const caseworker = await makeAccount(ctx, 'caseworker');
    const olena = await makeClient(ctx, caseworker, { name: 'Olena Kovalenko' });
    const grace = await makeClient(ctx, caseworker, { name: 'Grace Adebayo' });
    expect(await found('Олена')).toEqual([olena.id]);
    expect(await found('elena KOVALENKO')).toEqual([olena.id]);
    expect(await found('Olena Adebayo')).toEqual([]);
    expect(await found('grace')).toEqual([grace.id]);
    expect(await found('   ')).toEqual([]);
  });

  it('holds keyed terms only: another blind-index key gives none of them, and a key rotation leaves them', async () => {
    const caseworker = await makeAccount(ctx, 'caseworker');
    const { id } = await makeClient(ctx, caseworker, { name: 'Mohammed Rahimi' });
    const stored = (await ctx.db.selectFrom('person_name_terms').select('term').where('person_id', '=', id).execute())
      .map((row) => row.term)
      .sort();
    expect(stored).toEqual([...nameIndexTerms(ctx.keyring, 'Mohammed Rahimi')].sort());
    expect(
      nameIndexTerms({ ...ctx.keyring, blindIndexKey: randomBytes(32) }, 'Mohammed Rahimi').filter((term) => stored.includes(term)),
    ).toEqual([]);
    expect(
      nameIndexTerms({ ...ctx.keyring, blindIndexKey: ctx.keyring.auditKey }, 'Mohammed Rahimi').filter((term) => stored.includes(term)),
    ).toEqual([]);

    await rotateKeys(ctx.db, ctx.keyring, {});
    ctx.cipher = await FieldCipher.load(ctx.db, ctx.keyring);
    const row = await ctx.db.selectFrom('persons').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(openPersonName(ctx.cipher, id, row.name)).toBe('Mohammed Rahimi');
    expect(await found('Muhammad')).toContain(id);
  });

  it('a name cannot be written in plain text, even by hand', async () => {
    const plain = ctx.db
      .insertInto('persons')
      .values({
        id: randomUUID(),
        register_id: randomUUID(),
        office_id: null,
        name: 'Plain Name',
        birth_date: null,
        gender: 'female',
        nationality: 'NG',
        contact: null,
        whereabouts: null,
      })
      .execute();
    await expect(plain).rejects.toThrow(/persons_name_sealed/);
  });
});

describe('an installation from before names were sealed', () => {
  it('has its plain names sealed and indexed once at start-up, and its key file gains a blind-index key', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-old-'));
    const keyFile = path.join(folder, 'keys.json');
    const scratch = process.env.TEST_DATABASE_URL ? await createScratchDatabase(process.env.TEST_DATABASE_URL, 'polku_test') : null;
    const config = loadConfig({}, { databaseUrl: scratch?.url, dataDir: path.join(folder, 'data'), keyFile });
    try {
      // The schema and the key file as they were before, with names in plain text.
      const old = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await sql`create table schema_migrations (id text primary key, applied_at timestamptz not null default now())`.execute(old.db);
      for (const migration of migrations.filter((m) => m.id < '0008')) {
        for (const statement of migration.statements) await sql.raw(statement).execute(old.db);
        await sql`insert into schema_migrations (id) values (${migration.id})`.execute(old.db);
      }
      const personId = randomUUID();
      const referralId = randomUUID();
      const expertId = randomUUID();
      const requestedAt = new Date();
      await sql`insert into persons (id, register_id, name, gender, nationality) values (${personId}, ${personId}, 'Олена Коваленко', 'female', 'UA')`.execute(
        old.db,
      );
      await sql`insert into referrals (id, register_id, person_id, received_at, source, consent_at, referrer_name) values (${referralId}, ${referralId}, ${personId}, now(), 'police', now(), 'Constable Aaltonen')`.execute(
        old.db,
      );
      await sql`insert into identifications (person_id, requested_at) values (${personId}, ${requestedAt})`.execute(old.db);
      await sql`insert into identification_experts (id, person_id, requested_at, authority, member_name) values (${expertId}, ${personId}, ${requestedAt}, 'police', 'Inspector Virtanen')`.execute(
        old.db,
      );
      await old.close();
      const oldKeys = loadKeyring(keyFile, {});
      const { blindIndexKey: _, ...withoutIndexKey } = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
      fs.writeFileSync(keyFile, JSON.stringify(withoutIndexKey));

      const started = await createContext(config);
      try {
        expect(JSON.parse(fs.readFileSync(keyFile, 'utf8'))).toMatchObject({
          auditKey: oldKeys.auditKey.toString('base64'),
          blindIndexKey: expect.any(String),
        });
        const person = await started.db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirstOrThrow();
        const referral = await started.db
          .selectFrom('referrals')
          .select('referrer_name')
          .where('id', '=', referralId)
          .executeTakeFirstOrThrow();
        const expert = await started.db
          .selectFrom('identification_experts')
          .select('member_name')
          .where('id', '=', expertId)
          .executeTakeFirstOrThrow();
        expect([person.name, referral.referrer_name, expert.member_name]).toEqual([
          expect.stringMatching(/^enc1:/),
          expect.stringMatching(/^enc1:/),
          expect.stringMatching(/^enc1:/),
        ]);
        expect(openPersonName(started.cipher, personId, person.name)).toBe('Олена Коваленко');
        expect(started.cipher.decrypt(referral.referrer_name!, protectedContext('referrals', 'referrer_name', referralId))).toBe(
          'Constable Aaltonen',
        );
        expect(started.cipher.decrypt(expert.member_name, protectedContext('identification_experts', 'member_name', expertId))).toBe(
          'Inspector Virtanen',
        );
        const search = await personsNamed(started.db, nameSearchTerms(started.keyring, 'Olena')).execute();
        expect(search.map((row) => row.person_id)).toEqual([personId]);
        // Once is enough: a second start finds nothing left in plain text.
        expect(await sealPlaintextNames(started)).toBe(0);
      } finally {
        await started.close();
      }
    } finally {
      await scratch?.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000); // an embedded database made from nothing, opened twice

  it('refuses keys from the environment that lack the blind-index key, rather than index under a passing one', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-keys-'));
    try {
      const keyFile = path.join(folder, 'keys.json');
      loadKeyring(keyFile, {});
      const { blindIndexKey: _, ...withoutIndexKey } = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
      expect(() => loadKeyring(keyFile, { POLKU_KEYS: Buffer.from(JSON.stringify(withoutIndexKey)).toString('base64') })).toThrow(
        /blindIndexKey/,
      );
      const keyring = loadKeyring(keyFile, { POLKU_KEYS: Buffer.from(fs.readFileSync(keyFile)).toString('base64') });
      expect(keyring.blindIndexKey).toEqual(loadKeyring(keyFile, {}).blindIndexKey);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
