import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, sessionHeaders, totpCode } from '../../../test/support/factories.ts';
import { IDLE_TIMEOUT_MS, SESSION_COOKIE } from './sessions.ts';

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

async function enrol(username: string, password: string) {
  const login = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username, password });
  expect(login.status).toBe(200);
  expect(login.body.stage).toBe('mfa_enrol');
  const partial = sessionHeaders(login.response, login.body.csrfToken);
  const enrolment = await injectJson(app, 'GET', '/api/v1/auth/mfa/enrolment', partial);
  expect(enrolment.body.qrSvg).toContain('<svg');
  const done = await injectJson(app, 'POST', '/api/v1/auth/mfa/enrolment', partial, { code: await totpCode(enrolment.body.secret) });
  expect(done.status).toBe(200);
  return { secret: enrolment.body.secret as string, recoveryCodes: done.body.recoveryCodes as string[], headers: sessionHeaders(done.response, done.body.csrfToken), partial };
}

describe('logging in', () => {
  it('a first login enrols TOTP, gives ten recovery codes and a new session token', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { recoveryCodes, headers, partial } = await enrol(account.username, account.password);
    expect(recoveryCodes).toHaveLength(10);
    expect(headers.cookie).not.toEqual(partial.cookie);
    const session = await injectJson(app, 'GET', '/api/v1/session', headers);
    expect(session.body).toMatchObject({ stage: 'complete', account: { username: account.username, role: 'caseworker', mfaEnabled: true } });
    // The half-way token does not become a logged-in session.
    expect((await injectJson(app, 'GET', '/api/v1/session', partial)).body.stage).toBe('none');
  });

  it('the session cookie is __Host-, HttpOnly, Secure and SameSite=Strict', async () => {
    const account = await makeAccount(ctx, 'nurse');
    const login = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: account.username, password: account.password });
    const cookie = login.response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
  });

  it('a later login asks for the code, refuses a replayed code and accepts a recovery code once', async () => {
    const account = await makeAccount(ctx, 'director');
    const { secret, recoveryCodes } = await enrol(account.username, account.password);
    const login = async () => {
      const response = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: account.username, password: account.password });
      expect(response.body.stage).toBe('mfa_verify');
      return sessionHeaders(response.response, response.body.csrfToken);
    };
    const usedCode = await totpCode(secret);
    const replay = await injectJson(app, 'POST', '/api/v1/auth/mfa/verify', await login(), { code: usedCode });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_code');
    const next = await injectJson(app, 'POST', '/api/v1/auth/mfa/verify', await login(), { code: await totpCode(secret, 1) });
    expect(next.status).toBe(200);
    const withRecovery = await injectJson(app, 'POST', '/api/v1/auth/mfa/verify', await login(), { recoveryCode: recoveryCodes[0].toUpperCase() });
    expect(withRecovery.status).toBe(200);
    const again = await injectJson(app, 'POST', '/api/v1/auth/mfa/verify', await login(), { recoveryCode: recoveryCodes[0] });
    expect(again.body.error.code).toBe('invalid_code');
  });

  it('five wrong passwords lock the account with a translated message, even for the right password', async () => {
    const account = await makeAccount(ctx, 'coach');
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await injectJson(app, 'POST', '/api/v1/auth/login', { 'accept-language': 'sv' }, { username: account.username, password: 'wrong password here' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe('Användarnamnet eller lösenordet är fel.');
    }
    const fifth = await injectJson(app, 'POST', '/api/v1/auth/login', { 'accept-language': 'en' }, { username: account.username, password: 'wrong password here' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.message).toMatch(/^Too many failed attempts\. The account is locked until .+\.$/);
    const right = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: account.username, password: account.password });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
  });

  it('an unknown username and a wrong password get the same answer', async () => {
    const unknown = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: 'nobody@test.polku', password: 'whatever password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_credentials');
  });

  it('bad login input is a 400 naming the field, never a 500', async () => {
    const missing = await injectJson(app, 'POST', '/api/v1/auth/login', { 'accept-language': 'fi' }, { username: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'password', problem: 'required' }] });
    const broken = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { headers } = await enrol(account.username, account.password);
    await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) }).where('account_id', '=', account.id).execute();
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.stage).toBe('none');
  });

  it('end after 12 hours however active', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { headers } = await enrol(account.username, account.password);
    await ctx.db.updateTable('sessions').set({ created_at: new Date(Date.now() - 12 * 3600_000 - 1000) }).where('account_id', '=', account.id).execute();
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.stage).toBe('none');
  });

  it('a state-changing request without the CSRF token is refused and changes nothing', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { headers } = await enrol(account.username, account.password);
    const refused = await injectJson(app, 'PUT', '/api/v1/me/language', { cookie: headers.cookie }, { language: 'sv' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_failed');
    const crossSite = await injectJson(app, 'PUT', '/api/v1/me/language', { ...headers, origin: 'https://evil.example' }, { language: 'sv' });
    expect(crossSite.status).toBe(403);
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.account.language).toBe('fi');
    const accepted = await injectJson(app, 'PUT', '/api/v1/me/language', headers, { language: 'sv' });
    expect(accepted.status).toBe(204);
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.account.language).toBe('sv');
  });

  it('logout ends the session', async () => {
    const account = await makeAccount(ctx, 'nurse');
    const { headers } = await enrol(account.username, account.password);
    expect((await injectJson(app, 'POST', '/api/v1/auth/logout', headers)).status).toBe(204);
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.stage).toBe('none');
  });
});

describe('every response', () => {
  it('carries the security headers, and API responses are not cached', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
