import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { hostCheck } from './security.ts';
import { createTestContext, type TestContext } from '../../test/support/testContext.ts';
import { injectJson, makeAccount, sessionFor } from '../../test/support/factories.ts';

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

describe('the Host header', () => {
  it('a request under another name (a DNS-rebinding page) is refused with a translated 421, on the API and on pages', async () => {
    for (const url of ['/api/v1/session', '/help', '/api/v1/health']) {
      const refused = await app.inject({ method: 'GET', url, headers: { host: 'attacker.example:3000', 'accept-language': 'sv' } });
      expect(refused.statusCode).toBe(421);
      expect(refused.json().error).toEqual({
        code: 'wrong_host',
        message: 'Polku finns inte på den här adressen. Kontrollera adressen du använde.',
      });
    }
    const posted = await injectJson(app, 'POST', '/api/v1/auth/login', { host: 'attacker.example' }, { username: 'x', password: 'y' });
    expect(posted.status).toBe(421);
    expect(await ctx.db.selectFrom('login_address_failures').select('username').where('username', '=', 'x').execute()).toEqual([]);
  });

  it('the public origin’s host is accepted, and on this machine any local name', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health', headers: { host: 'localhost:3000' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('a public origin on a real name accepts that name and the configured extra hosts only', async () => {
    const check = hostCheck({ publicOrigin: 'https://polku.example.fi', allowedHosts: ['10.0.0.5:3000'] });
    expect(['polku.example.fi', 'POLKU.example.fi', 'polku.example.fi:443', '10.0.0.5:3000'].map(check)).toEqual([true, true, true, true]);
    expect(
      [
        'localhost',
        'localhost:3000',
        'polku.example.fi.attacker.example',
        'polku.example.fi:8443',
        'polku.example.fi@attacker.example',
        '',
        undefined,
      ].map(check),
    ).toEqual([false, false, false, false, false, false, false]);
    const real = await buildApp({
      ...ctx,
      config: { ...ctx.config, publicOrigin: 'https://polku.example.fi', allowedHosts: ['10.0.0.5:3000'] },
    });
    try {
      expect((await real.inject({ method: 'GET', url: '/api/v1/health', headers: { host: 'polku.example.fi' } })).statusCode).toBe(200);
      expect((await real.inject({ method: 'GET', url: '/api/v1/health', headers: { host: '10.0.0.5:3000' } })).statusCode).toBe(200);
      expect((await real.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(421);
    } finally {
      await real.close();
    }
  });
});

describe('CSRF refusals', () => {
  it('are written to the audit log, and repeated ones from one address are counted, not each written', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const headers = await sessionFor(ctx, account.id);
    const remoteAddress = '198.51.100.7';
    const send = (extra: Record<string, string>) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/me/language',
        remoteAddress,
        headers: { ...headers, ...extra, 'content-type': 'application/json' },
        payload: JSON.stringify({ language: 'sv' }),
      });
    expect((await send({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    const entries = () =>
      ctx.db
        .selectFrom('audit_log')
        .select(['actor_id', 'outcome', 'ip', 'details'])
        .where('action', '=', 'csrf')
        .where('ip', '=', remoteAddress)
        .orderBy('seq')
        .execute();
    expect(await entries()).toEqual([
      {
        actor_id: account.id,
        outcome: 'denied',
        ip: remoteAddress,
        details: { reason: 'token', method: 'PUT', route: '/api/v1/me/language', origin: null },
      },
    ]);
    for (let attempt = 0; attempt < 20; attempt++) expect((await send({ origin: 'https://attacker.example' })).statusCode).toBe(403);
    for (let attempt = 0; attempt < 5; attempt++) expect((await send({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    // One entry for the forged token, one for the foreign origin; the repeats only counted.
    expect((await entries()).map((entry) => (entry.details as { reason: string }).reason)).toEqual(['token', 'origin']);
  });
});
