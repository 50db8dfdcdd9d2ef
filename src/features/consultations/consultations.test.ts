import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { protectedColumns } from '../../core/crypto/protectedColumns.ts';
import { answerBody, consultationBody, guideConsultationBody, trainingBody, type GuideConsultationInput } from './schema.ts';
import { receiveGuideConsultation } from './guide.ts';
import { AppError } from '../../core/errors.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;
let director: TestAccount;
let partner: TestAccount;
let researcher: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [caseworker, director, partner, researcher] = await makeAccounts(ctx, 'caseworker', 'director', 'partner', 'researcher');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const consultationCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('consultations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** What the recognition guide sends: the professional's own details, the signs, the question — never the person's. */
export const fromTheGuide = {
  actorType: 'social_services',
  organisation: 'Pirkanmaan hyvinvointialue, aikuissosiaalityö',
  region: 'pirkanmaa',
  signs: { always_escorted: 'yes', nervousness: 'maybe', repeated_moves: 'no' },
  question: 'Asiakas tulee aina saman miehen kanssa eikä puhu itse. Miten voin tavata hänet yksin?',
  contact: 'sosiaalityontekija@example.fi, 040 123 4567',
  language: 'fi',
} as const;

describe('an anonymous consultation from the recognition guide', () => {
  it('is stored waiting to be answered, its question and contact sealed, with nothing back but that it arrived', async () => {
    const before = await consultationCount();
    const response = await injectJson(app, 'POST', '/api/v1/public/consultations', {}, fromTheGuide);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ received: true });
    expect(await consultationCount()).toBe(before + 1);
    const row = await ctx.db.selectFrom('consultations').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'guide', status: 'waiting', actor_type: 'social_services', region: 'pirkanmaa', language: 'fi' });
    expect(row.signs).toEqual(fromTheGuide.signs);
    expect(row.contact).toMatch(/^enc1:/);
    expect(row.question).toMatch(/^enc1:/);
    expect(JSON.stringify(row)).not.toContain('040 123 4567');
    expect(JSON.stringify(row)).not.toContain('sosiaalityontekija@');
  });

  it('refuses a wrong answer, an unknown sign or a field for the person, translated, storing nothing', async () => {
    const before = await consultationCount();
    for (const [body, field] of [
      [{ ...fromTheGuide, signs: { nervousness: 'often' } }, 'signs.nervousness'],
      [{ ...fromTheGuide, signs: { looks_sad: 'yes' } }, 'signs'],
      [{ ...fromTheGuide, personName: 'Maria' }, 'personName'],
      [{ ...fromTheGuide, question: '' }, 'question'],
    ] as const) {
      const response = await injectJson(app, 'POST', '/api/v1/public/consultations', { 'accept-language': 'sv' }, body);
      expect(response.status, field).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field).join(' '), field).toContain(field);
      expect(response.body.error.message).not.toMatch(/^errors\./);
    }
    expect(await consultationCount()).toBe(before);
  });
});

const phoneCall = {
  heldOn: '2026-03-04',
  channel: 'info_line',
  actorType: 'police',
  organisation: 'Sisä-Suomen poliisilaitos',
  region: 'pirkanmaa',
  topic: 'labour_exploitation',
  outcome: 'advice',
  durationMinutes: 25,
} as const;

describe('the guide’s consultation taken without the API route (a plain form post)', () => {
  it('is checked by the service itself: a wrong value is refused with the field named, storing nothing', async () => {
    const before = await consultationCount();
    const attempt = (input: object) => receiveGuideConsultation(ctx, input as GuideConsultationInput).catch((error: unknown) => error);
    for (const [input, field] of [
      [{ ...fromTheGuide, region: 'atlantis' }, 'region'],
      [{ ...fromTheGuide, language: 'xx' }, 'language'],
      [{ ...fromTheGuide, contact: '  ' }, 'contact'],
      [{ ...fromTheGuide, signs: { nervousness: 'perhaps' } }, 'signs.nervousness'],
      [{ ...fromTheGuide, question: 'a\u0000b' }, 'question'],
    ] as const) {
      const error = await attempt(input);
      expect(error, field).toBeInstanceOf(AppError);
      expect((error as AppError).details?.map((detail) => detail.field)).toContain(field);
    }
    expect(await consultationCount()).toBe(before);
  });

  it('is limited per address, like the public referral form, with a translated refusal', async () => {
    // One limit per installation whichever door is used; from an address of its own, so other tests' sending counts not.
    const send = (headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/v1/public/consultations', remoteAddress: '203.0.113.7', headers, payload: fromTheGuide });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await send()).statusCode);
    expect(statuses.every((status) => status === 202)).toBe(true);
    const refused = await send({ 'accept-language': 'en' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'too_many_consultations', message: expect.stringContaining('Too many') });
    await ctx.db.deleteFrom('consultations').where('channel', '=', 'guide').execute();
  });
});

describe('consultations recorded and answered by staff', () => {
  it('a caseworker records a phone consultation and answers the guide’s, which is then answered; the overview counts both', async () => {
    const session = await sessionFor(ctx, caseworker.id);
    const recorded = await injectJson(app, 'POST', '/api/v1/consultations', session, phoneCall);
    expect(recorded.status).toBe(201);
    await injectJson(app, 'POST', '/api/v1/public/consultations', {}, fromTheGuide);
    const list = await injectJson(app, 'GET', '/api/v1/consultations', session);
    expect(list.status).toBe(200);
    const waiting = list.body.find((row: { status: string }) => row.status === 'waiting');
    expect(list.body[0].status).toBe('waiting');
    expect(waiting).toMatchObject({ channel: 'guide', lookIntoFurther: true, signs: fromTheGuide.signs });
    // The list carries no sealed text: the question and contact are opened one at a time.
    expect(JSON.stringify(list.body)).not.toContain('040 123 4567');

    const answered = await injectJson(app, 'POST', `/api/v1/consultations/${waiting.id}/answer`, session, {
      topic: 'identification',
      outcome: 'referral_made',
      answer: 'Neuvottu tapaamaan asiakas ilman saattajaa ja tulkin kanssa; esitys tehdään asiakkaan suostumuksella.',
    });
    expect(answered.status).toBe(204);
    const again = await injectJson(app, 'POST', `/api/v1/consultations/${waiting.id}/answer`, session, {
      topic: 'identification',
      outcome: 'advice',
      answer: 'Toinen vastaus',
    });
    expect(again.status).toBe(409);
    const read = await injectJson(app, 'GET', `/api/v1/consultations/${waiting.id}`, session);
    expect(read.body).toMatchObject({
      status: 'answered',
      topic: 'identification',
      outcome: 'referral_made',
      contact: fromTheGuide.contact,
    });

    const year = new Date().getFullYear();
    const overview = await injectJson(app, 'GET', `/api/v1/consultations/overview?year=${year}`, session);
    expect(overview.status).toBe(200);
    const topic = (key: string) => overview.body.byTopic.find((row: { key: string }) => row.key === key);
    expect(topic('identification').consultations).toBeGreaterThanOrEqual(1);
    expect(topic('labour_exploitation').consultations).toBe(1);
    expect(overview.body.byMonth[2]).toMatchObject({ key: '03', consultations: 1 });
    const file = await app.inject({ method: 'GET', url: `/api/v1/consultations/overview/download?year=2026&format=csv`, headers: session });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.body).toContain('Työperäinen hyväksikäyttö;1;0;0');
  });

  it('reading one opens the sealed contact and is audited; the contact is sealed at rest', async () => {
    await injectJson(app, 'POST', '/api/v1/public/consultations', {}, fromTheGuide);
    const row = await ctx.db.selectFrom('consultations').selectAll().where('status', '=', 'waiting').executeTakeFirstOrThrow();
    expect(row.contact).toMatch(/^enc1:/);
    expect(protectedColumns).toContainEqual({ table: 'consultations', column: 'contact' });
    const read = await injectJson(app, 'GET', `/api/v1/consultations/${row.id}`, await sessionFor(ctx, director.id));
    expect(read.body.contact).toBe(fromTheGuide.contact);
    expect(read.body.signDetails).toEqual([
      {
        id: 'always_escorted',
        answer: 'yes',
        ilo: expect.arrayContaining(['isolation']),
        htcds: expect.arrayContaining(['restricts_movement']),
      },
      expect.objectContaining({ id: 'nervousness', answer: 'maybe' }),
      expect.objectContaining({ id: 'repeated_moves', answer: 'no' }),
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'consultations.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(director.id);
    expect(JSON.stringify(audit.details)).toContain(row.id);
  });

  it('a partner or a researcher cannot list, read, record or see the overview', async () => {
    const row = await ctx.db.selectFrom('consultations').select('id').executeTakeFirstOrThrow();
    for (const account of [partner, researcher]) {
      const session = await sessionFor(ctx, account.id);
      expect((await injectJson(app, 'GET', '/api/v1/consultations', session)).status).toBe(403);
      expect((await injectJson(app, 'GET', `/api/v1/consultations/${row.id}`, session)).status).toBe(403);
      expect((await injectJson(app, 'POST', '/api/v1/consultations', session, phoneCall)).status).toBe(403);
      expect((await injectJson(app, 'GET', '/api/v1/consultations/overview?year=2026', session)).status).toBe(403);
      expect((await injectJson(app, 'GET', '/api/v1/training', session)).status).toBe(403);
    }
  });

  it('refuses a wrong consultation with translated errors and stores nothing', async () => {
    const session = await sessionFor(ctx, caseworker.id);
    const before = await consultationCount();
    const wrong = await injectJson(
      app,
      'POST',
      '/api/v1/consultations',
      { ...session, 'accept-language': 'fi' },
      {
        ...phoneCall,
        channel: 'guide',
        topic: '',
        durationMinutes: 0,
      },
    );
    expect(wrong.status).toBe(400);
    const fields = wrong.body.error.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['channel', 'topic', 'durationMinutes']));
    for (const detail of wrong.body.error.details) expect(detail.message).not.toMatch(/^errors\./);
    const future = await injectJson(app, 'POST', '/api/v1/consultations', session, { ...phoneCall, heldOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([expect.objectContaining({ field: 'heldOn', problem: 'not_in_future' })]);
    expect(await consultationCount()).toBe(before);
  });
});

describe('training events', () => {
  it('are recorded with the audience by actor type, and refused when the audience is more than the participants', async () => {
    const session = await sessionFor(ctx, caseworker.id);
    const training = {
      heldOn: '2026-02-10',
      topic: 'identification',
      region: 'uusimaa',
      participants: 30,
      audience: { social_services: 20, health_care: 8 },
    };
    expect((await injectJson(app, 'POST', '/api/v1/training', session, training)).status).toBe(201);
    const before = await ctx.db.selectFrom('training_events').select('id').execute();
    const tooMany = await injectJson(app, 'POST', '/api/v1/training', session, { ...training, participants: 10 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details).toEqual([expect.objectContaining({ field: 'participants', problem: 'fewer_than_audience' })]);
    expect(tooMany.body.error.details[0].message).not.toMatch(/^errors\./);
    expect(await ctx.db.selectFrom('training_events').select('id').execute()).toHaveLength(before.length);
    const list = await injectJson(app, 'GET', '/api/v1/training', session);
    expect(list.body[0]).toMatchObject({ participants: 30, audience: { social_services: 20, health_care: 8 } });
    const overview = await injectJson(app, 'GET', '/api/v1/consultations/overview?year=2026', session);
    const actor = (key: string) => overview.body.byActorType.find((row: { key: string }) => row.key === key);
    expect(actor('social_services')).toMatchObject({ trainings: 1, participants: 20 });
    expect(overview.body.byMonth[1]).toMatchObject({ key: '02', trainings: 1, participants: 30 });
  });
});

describe('no identity of the person discussed', () => {
  it('has no place in any request or in the tables', async () => {
    const identity = /name|birth|nationality|gender|person|client|identity|address|phone/i;
    for (const body of [guideConsultationBody, consultationBody, answerBody, trainingBody])
      expect(Object.keys(body.properties).filter((key) => identity.test(key))).toEqual([]);
    for (const table of ['consultations', 'training_events']) {
      const columns = await ctx.db
        .selectFrom('information_schema.columns' as never)
        .select('column_name' as never)
        .where('table_name' as never, '=', table as never)
        .execute();
      expect(columns.length).toBeGreaterThan(5);
      expect(columns.map((column) => (column as { column_name: string }).column_name).filter((name) => identity.test(name))).toEqual([]);
    }
  });
});
