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
    expect(await referralCount()).toBe(before);
  });
});
