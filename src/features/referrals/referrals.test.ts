import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeAccounts, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { exportedRegister } from '../../../test/support/exportedRegister.ts';
import { validateExchangeFile } from '../exchange/validateExchangeFile.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let caseworker: TestAccount;
let partner: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, caseworker, partner] = await makeAccounts(ctx, 'director', 'caseworker', 'partner');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const now = () => new Date().toISOString();
const referral = (overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) => ({
  source: 'reception_centre',
  person: {
    name: 'Grace Adebayo',
    birthDate: '1996-04-02',
    gender: 'female',
    nationality: 'NG',
    languages: ['en', 'yo'],
    contact: 'WhatsApp, weekdays 10–12',
    safePlace: true,
    acuteThreat: false,
    ...person,
  },
  exploitation: {
    purposes: ['sexual_exploitation', 'forced_labour'],
    place: 'finland',
    sector: 'I',
    meansOfControl: ['debt_bondage', 'withholds_documents'],
    recruitment: 'online',
  },
  residenceStatus: 'asylum_seeker',
  account: 'Worked in a restaurant without pay; passport kept by the employer.',
  consent: { given: true, givenBy: 'person', at: now(), method: 'in_writing', interpreter: 'Yoruba interpreter, by phone' },
  ...overrides,
});
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      (['persons', 'referrals', 'exploitations', 'audit_log'] as const).map(async (table) => [
        table,
        Number(
          (
            await ctx.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ]),
    ),
  );

describe('referral intake', () => {
  it('a caseworker records a referral with consent; it waits in the queue, not in the client list', async () => {
    const created = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), referral());
    expect(created.status).toBe(201);
    const queue = await injectJson(app, 'GET', '/api/v1/referrals/queue', await as(caseworker));
    const entry = queue.body.find((row: { id: string }) => row.id === created.body.id);
    expect(entry).toMatchObject({ name: 'Grace Adebayo', waitedDays: 0, source: 'reception_centre', consent: 'given', acuteThreat: false });
    const clients = await injectJson(app, 'GET', '/api/v1/clients', await as(director));
    expect(clients.body.map((client: { id: string }) => client.id)).not.toContain(created.body.personId);
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${created.body.id}`, await as(caseworker));
    expect(read.body).toMatchObject({
      status: 'open',
      person: { contact: 'WhatsApp, weekdays 10–12' },
      consent: { given: true, method: 'in_writing' },
    });
    expect(read.body.exploitations[0]).toMatchObject({
      purpose: 'sexual_exploitation',
      main: true,
      sector: 'I',
      meansOfControl: ['debt_bondage', 'withholds_documents'],
    });
    const stored = await ctx.db.selectFrom('persons').select('contact').where('id', '=', created.body.personId).executeTakeFirstOrThrow();
    expect(stored.contact).not.toContain('WhatsApp');
    const reads = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'referrals.read')
      .where('client_id', '=', created.body.personId)
      .execute();
    expect(reads).toHaveLength(1);
  });

  it('refuses an adult without consent, clearly and without writing anything', async () => {
    const before = await counts();
    const refused = await injectJson(
      app,
      'POST',
      '/api/v1/referrals',
      await as(caseworker),
      referral({ consent: { given: false, overrideReason: 'He could not be reached for consent' } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('consent_required');
    expect(refused.body.error.message).toMatch(/suostumu/);
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log });
  });

  it("records a child's referral without consent only by assistance staff, with the reason kept encrypted", async () => {
    const child = { birthDate: `${new Date().getUTCFullYear() - 15}-01-01` };
    const withoutConsent = { consent: { given: false, overrideReason: 'Unaccompanied minor found at the border; no guardian.' } };
    expect((await injectJson(app, 'POST', '/api/v1/referrals', await as(partner), referral(withoutConsent, child))).body.error.code).toBe(
      'consent_override_not_allowed',
    );
    const made = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), referral(withoutConsent, child));
    expect(made.status).toBe(201);
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${made.body.id}`, await as(director));
    expect(read.body.consent).toEqual({ given: false, overrideReason: 'Unaccompanied minor found at the border; no guardian.' });
  });

  it('a partner refers from their organisation and follows only where their referrals stand', async () => {
    const sent = await injectJson(
      app,
      'POST',
      '/api/v1/referrals',
      await as(partner),
      referral({ source: 'victim_support' }, { name: 'Partner Person' }),
    );
    expect(sent.status).toBe(201);
    expect(Object.keys(sent.body)).toEqual(['id']);
    const mine = await injectJson(app, 'GET', '/api/v1/referrals/sent', await as(partner));
    expect(mine.body).toEqual([expect.objectContaining({ id: sent.body.id, status: 'open', name: 'Partner Person' })]);
    expect((await injectJson(app, 'GET', `/api/v1/referrals/${sent.body.id}`, await as(partner))).status).toBe(403);
  });

  it('a person refers themself without logging in, leaving no cookie and no address behind', async () => {
    const response = await injectJson(
      app,
      'POST',
      '/api/v1/public/referrals',
      {},
      {
        language: 'ar',
        name: 'Layla',
        birthYear: 1999,
        gender: 'female',
        nationality: 'SY',
        replyChannel: 'signal',
        replyAddress: '+358 40 000 0000',
        safeTimes: 'after 20:00',
        acuteThreat: true,
        whatHappened: 'I work in a cleaning company and they keep my passport.',
        childrenWithMe: 1,
        consent: true,
      },
    );
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ received: true });
    expect(response.response.headers['set-cookie']).toBeUndefined();
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'referrals.create')
      .where('actor_role', '=', 'public')
      .executeTakeFirstOrThrow();
    expect(entry.ip).toBeNull();
    const queue = await injectJson(app, 'GET', '/api/v1/referrals/queue', await as(caseworker));
    const layla = queue.body.find((row: { name: string }) => row.name === 'Layla');
    expect(layla).toMatchObject({ source: 'self', acuteThreat: true });
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${layla.id}`, await as(caseworker));
    expect(read.body).toMatchObject({
      replyChannel: { kind: 'signal', address: '+358 40 000 0000', safeTimes: 'after 20:00' },
      replyLanguage: 'ar',
      childrenWithMe: 1,
      account: 'I work in a cleaning company and they keep my passport.',
      person: { birthDate: '1999-07-01', birthDateEstimated: true },
    });
    const withoutConsent = await injectJson(
      app,
      'POST',
      '/api/v1/public/referrals',
      {},
      { language: 'fi', name: 'X', gender: 'male', nationality: 'unknown', replyChannel: 'no_contact', consent: false },
    );
    expect(withoutConsent.body.error.code).toBe('consent_required');
  });
});

describe('matching a referred person with the register', () => {
  it('suggests a known client across scripts and spellings; a dismissal is remembered and a confirmation merges', async () => {
    const known = await makeClient(ctx, caseworker, { name: 'Olena Kovalenko', birthDate: '1990-05-01', nationality: 'UA' });
    const first = await injectJson(
      app,
      'POST',
      '/api/v1/referrals',
      await as(caseworker),
      referral({}, { name: 'Олена Коваленко', birthDate: '1990-05-01', nationality: 'UA' }),
    );
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${first.body.id}`, await as(caseworker));
    expect(read.body.matches[0]).toMatchObject({ personId: known.id, reasons: ['name', 'birth_date', 'nationality'], review: null });
    expect(read.body.matches.map((match: { name: string }) => match.name)).not.toContain('Grace Adebayo');

    expect(
      (
        await injectJson(app, 'PUT', `/api/v1/referrals/${first.body.id}/matches/${known.id}`, await as(caseworker), {
          outcome: 'dismissed',
        })
      ).status,
    ).toBe(204);
    expect((await injectJson(app, 'GET', `/api/v1/referrals/${first.body.id}`, await as(caseworker))).body.matches[0].review).toBe(
      'dismissed',
    );

    expect(
      (
        await injectJson(app, 'PUT', `/api/v1/referrals/${first.body.id}/matches/${known.id}`, await as(caseworker), {
          outcome: 'confirmed',
        })
      ).status,
    ).toBe(204);
    const merged = await ctx.db.selectFrom('referrals').select('person_id').where('id', '=', first.body.id).executeTakeFirstOrThrow();
    expect(merged.person_id).toBe(known.id);
    expect(await ctx.db.selectFrom('persons').select('id').where('id', '=', first.body.personId).executeTakeFirst()).toBeUndefined();
    const exploitations = await ctx.db.selectFrom('exploitations').selectAll().where('person_id', '=', known.id).execute();
    expect(exploitations.filter((row) => row.main)).toHaveLength(1);
  });
});

describe('decisions', () => {
  it('only the director or a designated official decides; admission makes a client with caseworker and children; the letter carries the reasons', async () => {
    const child = { children: [{ birthDate: '2019-03-03' }] };
    const made = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), referral(child, { name: 'Decided Person' }));
    const decision = {
      outcome: 'admitted',
      reasons: 'Signs of labour trafficking: unpaid work, passport withheld.',
      letterLanguage: 'sv',
      officeId: 'helsinki',
      caseworkerIds: [caseworker.id],
    };
    expect((await injectJson(app, 'POST', `/api/v1/referrals/${made.body.id}/decision`, await as(caseworker), decision)).status).toBe(403);

    const designated = await makeAccount(ctx, 'caseworker');
    await ctx.db.updateTable('accounts').set({ decides_admissions: true }).where('id', '=', designated.id).execute();
    const bad = await injectJson(app, 'POST', `/api/v1/referrals/${made.body.id}/decision`, await as(designated), {
      ...decision,
      caseworkerIds: [partner.id],
    });
    expect(bad.body.error.code).toBe('not_assistance_staff');
    const decided = await injectJson(app, 'POST', `/api/v1/referrals/${made.body.id}/decision`, await as(designated), decision);
    expect(decided.status).toBe(201);
    expect(
      (await injectJson(app, 'POST', `/api/v1/referrals/${made.body.id}/decision`, await as(director), decision)).body.error.code,
    ).toBe('referral_closed');

    const clients = await injectJson(app, 'GET', '/api/v1/clients', await as(caseworker));
    expect(clients.body.map((client: { id: string }) => client.id)).toContain(made.body.personId);
    const record = await injectJson(app, 'GET', `/api/v1/clients/${made.body.personId}`, await as(caseworker));
    expect(record.body.children).toEqual([expect.objectContaining({ birthDate: '2019-03-03' })]);
    expect(record.body.timeline.map((event: { kind: string }) => event.kind)).toEqual(
      expect.arrayContaining(['referral', 'decision_admitted', 'child']),
    );

    const letter = await injectJson(app, 'GET', `/api/v1/referrals/${made.body.id}/decision-letter`, await as(caseworker));
    expect(letter.body).toMatchObject({ language: 'sv', outcome: 'admitted', name: 'Decided Person', reasons: decision.reasons });
  });

  it('admission needs the main purpose and place of the exploitation, so every client can be exported and imported again', async () => {
    const queue = await injectJson(app, 'GET', '/api/v1/referrals/queue', await as(director));
    const layla = queue.body.find((row: { name: string }) => row.name === 'Layla');
    const decision = {
      outcome: 'admitted',
      reasons: 'Passport withheld by the employer; she works without pay.',
      letterLanguage: 'en',
      officeId: 'helsinki',
      caseworkerIds: [caseworker.id],
    };
    const without = await injectJson(app, 'POST', `/api/v1/referrals/${layla.id}/decision`, await as(director), decision);
    expect(without.body.error.details).toEqual([
      expect.objectContaining({ field: 'exploitation.purpose', problem: 'main_purpose_required' }),
    ]);
    const noPlace = await injectJson(app, 'POST', `/api/v1/referrals/${layla.id}/decision`, await as(director), {
      ...decision,
      exploitation: { purpose: 'forced_labour' },
    });
    expect(noPlace.body.error.details).toEqual([expect.objectContaining({ field: 'exploitation.place', problem: 'place_required' })]);
    expect(
      (
        await injectJson(app, 'POST', `/api/v1/referrals/${layla.id}/decision`, await as(director), {
          ...decision,
          exploitation: { purpose: 'forced_labour', place: 'finland' },
        })
      ).status,
    ).toBe(201);
    const { personId } = (await injectJson(app, 'GET', `/api/v1/referrals/${layla.id}`, await as(director))).body;
    const main = await ctx.db.selectFrom('exploitations').selectAll().where('person_id', '=', personId).execute();
    expect(main).toEqual([expect.objectContaining({ purpose: 'forced_labour', place: 'finland', main: true })]);

    // Everything these tests recorded through the API is a register the exchange format can carry.
    const exported = await exportedRegister(ctx.db, ctx.keyring);
    expect((await validateExchangeFile(exported.text)).problems).toEqual([]);
  });

  it('a withdrawal of consent closes the referral and is recorded; a closed referral cannot be withdrawn again', async () => {
    const made = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), referral({}, { name: 'Withdrawing Person' }));
    expect((await injectJson(app, 'POST', `/api/v1/referrals/${made.body.id}/withdrawal`, await as(caseworker))).status).toBe(204);
    expect((await injectJson(app, 'POST', `/api/v1/referrals/${made.body.id}/withdrawal`, await as(caseworker))).body.error.code).toBe(
      'referral_closed',
    );
    const queue = await injectJson(app, 'GET', '/api/v1/referrals/queue', await as(caseworker));
    expect(queue.body.map((row: { id: string }) => row.id)).not.toContain(made.body.id);
    expect((await injectJson(app, 'GET', `/api/v1/referrals/${made.body.id}`, await as(caseworker))).body.status).toBe('withdrawn');
  });

  it('bad input gets field-level errors and writes nothing', async () => {
    const before = await counts();
    const response = await injectJson(
      app,
      'POST',
      '/api/v1/referrals',
      await as(caseworker),
      referral({ source: 'aliens' }, { birthDate: '2999-01-01', nationality: 'Nigeria' }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(
      expect.arrayContaining(['source', 'person.nationality']),
    );
    const future = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), referral({}, { birthDate: '2999-01-01' }));
    expect(future.body.error.details).toEqual([expect.objectContaining({ field: 'person.birthDate', problem: 'not_in_future' })]);
    const nowhere = await injectJson(
      app,
      'POST',
      '/api/v1/referrals',
      await as(caseworker),
      referral({ exploitation: { purposes: ['forced_labour'], place: null } }),
    );
    expect(nowhere.body.error.details).toEqual([
      {
        field: 'exploitation.place',
        problem: 'place_required',
        message: 'Kerro, tapahtuiko hyväksikäyttö Suomessa vai ulkomailla (ei tarvita todistajalta).',
      },
    ]);
    expect(await counts()).toEqual(before);
  });
});
