import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { siteLanguageFromHeader } from './languages.ts';

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

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: form(fields) });
const referralCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the public site', () => {
  it('chooses the language by the browser’s preference, Dari also when asked for as fa-AF', () => {
    expect(siteLanguageFromHeader('sv-FI,sv;q=0.9,en;q=0.8')).toBe('sv');
    expect(siteLanguageFromHeader('de-DE,fa-AF;q=0.8,en;q=0.5')).toBe('prs');
    expect(siteLanguageFromHeader('en;q=0.2,ar;q=0.9')).toBe('ar');
    expect(siteLanguageFromHeader(undefined)).toBe('fi');
  });

  it('a page sets no cookie, is cacheable, and names its language and direction', async () => {
    const redirect = await app.inject({ method: 'GET', url: '/help', headers: { 'accept-language': 'ar' } });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/help/ar');
    const page = await app.inject({ method: 'GET', url: '/help/ar' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('public, max-age=300');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('href="https://www.ilmatieteenlaitos.fi/"');
    expect((await app.inject({ method: 'GET', url: '/help/xx' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/help/fi/nothing-here' })).statusCode).toBe(404);
  });

  it('the self-referral form posted without JavaScript says what is missing at each field and records nothing', async () => {
    const before = await referralCount();
    const response = await post('/help/fi/ask', { name: '', birthYear: '٢٠x٠', replyChannel: 'sms' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('class="error-summary"');
    for (const message of [
      'Kirjoita nimi.',
      'Kirjoita syntymävuosi neljällä numerolla',
      'Kirjoita puhelinnumero, sähköpostiosoite tai henkilön nimi',
      'Rastita ruutu, jos hyväksyt.',
    ])
      expect(response.body).toContain(message);
    // What was typed is shown back, escaped.
    expect(response.body).toContain('value="٢٠x٠"');
    expect(await referralCount()).toBe(before);
  });

  it('a self-referral posted as a plain form arrives in intake as the JSON route would record it', async () => {
    const before = await referralCount();
    const response = await post('/help/ar/ask', {
      name: '<b>Layla</b>',
      birthYear: '١٩٩٨',
      replyChannel: 'no_contact',
      consent: 'yes',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('role="status"');
    expect(response.body).not.toContain('<b>Layla</b>');
    expect(await referralCount()).toBe(before + 1);
    const row = await ctx.db
      .selectFrom('referrals')
      .innerJoin('persons', 'persons.id', 'referrals.person_id')
      .select(['source', 'birth_date'])
      .orderBy('received_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'self', birth_date: '1998-07-01' });
  });

  it('a form posted from another site is refused and records nothing', async () => {
    const before = await referralCount();
    const response = await post(
      '/help/fi/ask',
      { name: 'X', replyChannel: 'no_contact', consent: 'yes' },
      { origin: 'https://elsewhere.example' },
    );
    expect(response.statusCode).toBe(404);
    const crossSite = await post(
      '/help/fi/ask',
      { name: 'X', replyChannel: 'no_contact', consent: 'yes' },
      { 'sec-fetch-site': 'cross-site', origin: 'null' },
    );
    expect(crossSite.statusCode).toBe(404);
    expect(await referralCount()).toBe(before);
  });
});

describe('the recognition guide', () => {
  const signs = { sign_always_escorted: 'maybe', sign_nervousness: 'maybe', sign_repeated_moves: 'no' };

  it('two maybes say only "look into this further", with the ways on; the answers come back in the page and nothing is stored', async () => {
    const tables = ['referrals', 'persons', 'consultations'] as const;
    const counts = async () =>
      Promise.all(
        tables.map(async (table) =>
          Number(
            (
              await ctx.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await counts();
    const page = await post('/help/en/guide', signs);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('Look into this further');
    // The result speaks of looking further and the ways on, never of whether someone is a victim.
    const result = page.body.slice(page.body.indexOf('class="result"'), page.body.indexOf('</section>'));
    expect(result).toContain('Look into this further');
    expect(result).not.toMatch(/victim/i);
    expect(page.body).toMatch(/name="sign_always_escorted"\s+value="maybe"\s+checked/);
    expect(page.body).toMatch(/<input type="hidden" name="sign_nervousness" value="maybe"/);
    const one = await post('/help/fi/guide', { sign_nervousness: 'maybe' });
    expect(one.body).toContain('Nämä vastaukset eivät yksinään anna aihetta selvittää tarkemmin');
    expect(await counts()).toEqual(before);
  });

  it('an anonymous consultation says what is missing, then arrives with the signs and no one’s identity', async () => {
    const missing = await post('/help/fi/guide/consultation', { ...signs, step: 'send' });
    expect(missing.statusCode).toBe(400);
    for (const message of ['Valitse, missä työskentelet.', 'Valitse maakunta, jossa työskentelet.', 'Kirjoita kysymyksesi.'])
      expect(missing.body).toContain(message);
    const sent = await post('/help/fi/guide/consultation', {
      ...signs,
      step: 'send',
      actorType: 'social_services',
      region: 'pirkanmaa',
      question: 'Asiakas tulee aina saman miehen kanssa. Miten edetä?',
      contact: 'sosiaalityo@example.fi',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Konsultaatiosi on perillä.');
    const row = await ctx.db.selectFrom('consultations').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'guide', actor_type: 'social_services', region: 'pirkanmaa', status: 'waiting' });
    expect(typeof row.signs === 'string' ? JSON.parse(row.signs) : row.signs).toEqual({
      always_escorted: 'maybe',
      nervousness: 'maybe',
      repeated_moves: 'no',
    });
  });

  it('a referral with consent asks identity only at that step and carries the signs, sealed, into intake', async () => {
    const start = await post('/help/sv/guide/referral', { ...signs, step: 'start' });
    expect(start.statusCode).toBe(200);
    expect(start.body).not.toContain('class="error-summary"');
    const noConsent = await post('/help/sv/guide/referral', { ...signs, step: 'send', name: 'Mai' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Utan samtycke kan ingen framställning göras.');
    const before = await referralCount();
    const sent = await post('/help/sv/guide/referral', {
      ...signs,
      step: 'send',
      givenBy: 'person',
      method: 'orally',
      consent: 'yes',
      name: 'Mai Tran',
      source: 'municipal_social_worker',
      referrerName: 'Sara Socialarbetare',
      referrerContact: 'sara@example.fi',
    });
    expect(sent.statusCode).toBe(200);
    expect(await referralCount()).toBe(before + 1);
    const row = await ctx.db
      .selectFrom('referrals')
      .select(['source', 'consent_method', 'intake'])
      .orderBy('received_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'municipal_social_worker', consent_method: 'orally' });
    // The signs travel sealed in the referral's intake, never in a readable column.
    expect(String(row.intake)).not.toContain('always_escorted');
  });
});
