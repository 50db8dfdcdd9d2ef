import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson } from '../../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
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
