import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { createTestContext, type TestContext } from './support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from './support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let caseworker: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, caseworker] = await makeAccounts(ctx, 'director', 'caseworker');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** Every row of every table in the schema, as text: what a stolen dump without the key file holds. */
async function dumpEveryTable(): Promise<string> {
  const tables = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(ctx.db);
  expect(tables.rows.map((row) => row.table_name)).toEqual(
    expect.arrayContaining(['persons', 'referrals', 'identification_experts', 'audit_log']),
  );
  const dumps = await Promise.all(
    tables.rows.map(async ({ table_name }) =>
      (await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(ctx.db)).rows
        .map((row) => `${table_name}: ${row.row}`)
        .join('\n'),
    ),
  );
  return dumps.join('\n');
}

describe('a database dump', () => {
  it('reveals no person: names, aliases, contact, whereabouts, story, notes, reasons, referrers and experts are all sealed', async () => {
    const secrets = {
      name: 'Zenobia Quillfeather',
      alias: 'Kittiwake Marlowe',
      contact: 'Signal +358 40 7771 2345',
      whereabouts: 'Refuge at Harjuvartijantie 17',
      story: 'Recruited at the Vrabchanka bus depot',
      note: 'Afraid of the Ostrozhny brothers',
      reasons: 'Passport kept by Grimsholt Logistics',
      referrer: 'Officer Halvard Brennmoor',
      expert: 'Inspector Odalys Fenwright',
    };
    const client = await injectJson(app, 'POST', '/api/v1/clients', await as(caseworker), {
      name: secrets.name,
      birthDate: '1993-07-21',
      gender: 'female',
      nationality: 'BG',
      contact: secrets.contact,
      whereabouts: secrets.whereabouts,
    });
    expect(client.status).toBe(201);
    // Known to a partner under another name: the name field takes a name or an alias.
    const referred = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), {
      source: 'police',
      referrerName: secrets.referrer,
      account: secrets.story,
      person: { name: secrets.alias, birthDate: '1993-07-21', gender: 'female', nationality: 'BG' },
      exploitation: { purposes: ['forced_labour'], place: 'finland' },
      consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'in_writing' },
    });
    expect(referred.status).toBe(201);
    const decided = await injectJson(app, 'POST', `/api/v1/referrals/${referred.body.id}/decision`, await as(director), {
      outcome: 'admitted',
      reasons: secrets.reasons,
      letterLanguage: 'fi',
      officeId: 'helsinki',
      caseworkerIds: [caseworker.id],
    });
    expect(decided.status).toBe(201);
    expect(
      (
        await injectJson(app, 'POST', `/api/v1/clients/${client.body.id}/notes`, await as(caseworker), {
          sensitivity: 'normal',
          body: secrets.note,
        })
      ).status,
    ).toBe(201);
    const identification = `/api/v1/clients/${client.body.id}/identification`;
    expect((await injectJson(app, 'POST', identification, await as(caseworker))).status).toBe(204);
    expect(
      (
        await injectJson(app, 'POST', `${identification}/experts`, await as(caseworker), {
          authority: 'police',
          memberName: secrets.expert,
        })
      ).status,
    ).toBe(201);

    // Everything was written and reads back through the API…
    const record = (await injectJson(app, 'GET', `/api/v1/clients/${client.body.id}`, await as(caseworker))).body;
    expect(record.identity.name).toBe(secrets.name);
    expect(record.contact).toEqual({ contact: secrets.contact, whereabouts: secrets.whereabouts });
    expect(record.identifications[0].experts[0].memberName).toBe(secrets.expert);
    const referral = (await injectJson(app, 'GET', `/api/v1/referrals/${referred.body.id}`, await as(caseworker))).body;
    expect(referral).toMatchObject({
      referrerName: secrets.referrer,
      account: secrets.story,
      person: { name: secrets.alias },
      decision: { reasons: secrets.reasons },
    });
    const names = (await injectJson(app, 'GET', '/api/v1/clients', await as(caseworker))).body.map((row: { name: string }) => row.name);
    expect(names).toEqual(expect.arrayContaining([secrets.name, secrets.alias]));

    // …and none of it is in the database: not whole, not its invented words, not in lower case (as a name's normalised forms would be).
    const dump = (await dumpEveryTable()).toLowerCase();
    const words = [
      'Zenobia',
      'Quillfeather',
      'Kittiwake',
      'Marlowe',
      '7771 2345',
      'Harjuvartijantie',
      'Vrabchanka',
      'Ostrozhny',
      'Grimsholt',
      'Brennmoor',
      'Odalys',
      'Fenwright',
    ];
    const leaked = [...Object.values(secrets), ...words].filter((text) => dump.includes(text.toLowerCase()));
    expect(leaked).toEqual([]);
  });
});
