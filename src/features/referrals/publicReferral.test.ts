import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [caseworker] = await makeAccounts(ctx, 'caseworker');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const referrals = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The body the help page sends when only the name, the reply channel and the consent are answered. */
const fewestAnswers = {
  language: 'prs',
  name: 'Zahra',
  gender: 'unknown',
  nationality: 'unknown',
  interpreterNeeded: false,
  replyChannel: 'no_contact',
  replyAddress: '',
  safeTimes: '',
  safePlace: null,
  acuteThreat: null,
  whatHappened: '',
  consent: true,
} as const;

describe('the public help page', () => {
  it('a year typed in Persian digits arrives as the number the page reads; boxes left unticked are recorded as not known, not as "no"', async () => {
    // The page reads ۱۹۹۸ as typed on a Dari keyboard as 1998 (web/src/lib/forms.ts: formWholeNumber) and sends the number.
    const birthYear = 1998;
    const response = await injectJson(app, 'POST', '/api/v1/public/referrals', {}, { ...fewestAnswers, birthYear });
    expect(response.status).toBe(202);
    // The only referral of this file's register: read as staff would.
    const row = await ctx.db
      .selectFrom('referrals')
      .select(['id', 'source', 'safe_place', 'acute_threat'])
      .where('source', '=', 'self')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ safe_place: null, acute_threat: null });
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${row.id}`, await sessionFor(ctx, caseworker.id));
    expect(read.body).toMatchObject({
      replyChannel: { kind: 'no_contact', address: null, safeTimes: null },
      replyLanguage: 'prs',
      person: { name: 'Zahra', birthDate: '1998-07-01', birthDateEstimated: true, gender: 'unknown', nationality: 'unknown' },
    });
  });

  it('a year sent as other digits than the page sends, or outside the years of a life, is refused naming the field and records nothing', async () => {
    const before = await referrals();
    for (const birthYear of ['١٩٩٨', 1899, 2101]) {
      const response = await injectJson(
        app,
        'POST',
        '/api/v1/public/referrals',
        { 'accept-language': 'en' },
        { ...fewestAnswers, name: 'Refused', birthYear },
      );
      expect(response.status, String(birthYear)).toBe(400);
      expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(['birthYear']);
    }
    expect(await referrals()).toBe(before);
  });
});
