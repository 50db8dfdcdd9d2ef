import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, sessionHeaders, totpCode } from '../../../test/support/factories.ts';
import { ADDRESS_MAX_FAILURES, USERNAME_FREE_FAILURES } from './loginThrottle.ts';
import { IDLE_TIMEOUT_MS, SESSION_COOKIE } from '../../server/sessions.ts';

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

/** Each test logs in from addresses of its own, so their throttles do not meet. */
let lastAddress = 0;
const nextAddress = () => `192.0.2.${++lastAddress}`;

async function postFrom(remoteAddress: string, url: string, headers: Record<string, string>, payload: unknown) {
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
  return { status: response.statusCode, body: response.json(), response };
}

const loginFrom = (remoteAddress: string, username: string, password: string, language = 'fi') =>
  postFrom(remoteAddress, '/api/v1/auth/login', { 'accept-language': language }, { username, password });

async function enrol(username: string, password: string, remoteAddress = '127.0.0.1') {
  const login = await loginFrom(remoteAddress, username, password);
  expect(login.status).toBe(200);
  expect(login.body.stage).toBe('mfa_enrol');
  const partial = sessionHeaders(login.response, login.body.csrfToken);
  const enrolment = await injectJson(app, 'GET', '/api/v1/auth/mfa/enrolment', partial);
  expect(enrolment.body.qrSvg).toContain('<svg');
  const done = await postFrom(remoteAddress, '/api/v1/auth/mfa/enrolment', partial, { code: await totpCode(enrolment.body.secret) });
  expect(done.status).toBe(200);
  return {
    secret: enrolment.body.secret as string,
    recoveryCodes: done.body.recoveryCodes as string[],
    headers: sessionHeaders(done.response, done.body.csrfToken),
    partial,
  };
}

describe('logging in', () => {
  it('a first login enrols TOTP, gives ten recovery codes and a new session token', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { recoveryCodes, headers, partial } = await enrol(account.username, account.password);
    expect(recoveryCodes).toHaveLength(10);
    expect(headers.cookie).not.toEqual(partial.cookie);
    const session = await injectJson(app, 'GET', '/api/v1/session', headers);
    expect(session.body).toMatchObject({
      stage: 'complete',
      account: { username: account.username, role: 'caseworker', mfaEnabled: true },
    });
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
    const withRecovery = await injectJson(app, 'POST', '/api/v1/auth/mfa/verify', await login(), {
      recoveryCode: recoveryCodes[0].toUpperCase(),
    });
    expect(withRecovery.status).toBe(200);
    const again = await injectJson(app, 'POST', '/api/v1/auth/mfa/verify', await login(), { recoveryCode: recoveryCodes[0] });
    expect(again.body.error.code).toBe('invalid_code');
  });

  it('five wrong passwords lock this address out of the account with a translated message, even for the right password', async () => {
    const account = await makeAccount(ctx, 'coach');
    const from = nextAddress();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await loginFrom(from, account.username, 'wrong password here', 'sv');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe('Användarnamnet eller lösenordet är fel.');
    }
    const fifth = await loginFrom(from, account.username, 'wrong password here', 'en');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.message).toMatch(/^Too many failed attempts from here\. Try again after .+\.$/);
    const right = await loginFrom(from, account.username, account.password);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
  });

  it('an unknown username and a known one get identical answers, attempt after attempt, in about the same time', async () => {
    const account = await makeAccount(ctx, 'nurse');
    const [fromA, fromB] = [nextAddress(), nextAddress()];
    const answer = (response: Awaited<ReturnType<typeof loginFrom>>) => ({
      status: response.status,
      code: response.body.error.code,
      message: response.body.error.message.replace(/\d/g, '#'),
    });
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let attempt = 1; attempt <= 8; attempt++) {
      let started = performance.now();
      const known = await loginFrom(fromA, account.username, 'wrong password here', 'fi');
      times.known.push(performance.now() - started);
      started = performance.now();
      const unknown = await loginFrom(fromB, `nobody-${account.username}`, 'wrong password here', 'fi');
      times.unknown.push(performance.now() - started);
      expect(answer(unknown)).toEqual(answer(known));
      expect(Object.keys(unknown.response.headers).sort()).toEqual(Object.keys(known.response.headers).sort());
    }
    // Both verify an argon2 hash: no telling them apart by the clock. Skipping the hash answers tens of
    // times faster, so a loose bound still catches it on a busy, shared machine.
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    expect(median(times.unknown) / median(times.known)).toBeGreaterThan(1 / 3);
    expect(median(times.unknown) / median(times.known)).toBeLessThan(3);
  });

  it('six wrong passwords from one address do not stop the owner logging in from another', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const stranger = nextAddress();
    for (let attempt = 1; attempt <= 6; attempt++) await loginFrom(stranger, account.username, 'a stranger guessing');
    expect((await loginFrom(stranger, account.username, account.password)).status).toBe(423);
    const owner = await loginFrom(nextAddress(), account.username, account.password);
    expect(owner.status).toBe(200);
    expect(owner.body.stage).toBe('mfa_enrol');
  });

  it('attempts sent all at once from one address are checked at most five times', async () => {
    const account = await makeAccount(ctx, 'partner');
    const from = nextAddress();
    const answers = await Promise.all(Array.from({ length: 10 }, () => loginFrom(from, account.username, 'wrong password here')));
    const checked = answers.filter((answer) => answer.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.every((answer) => answer.status === 401 || answer.status === 423)).toBe(true);
  });

  it('guessing from many addresses slows the account down, but not for the address its owner logs in from', async () => {
    const account = await makeAccount(ctx, 'researcher');
    const office = nextAddress();
    const { secret } = await enrol(account.username, account.password, office);
    for (let address = 1; address <= USERNAME_FREE_FAILURES / ADDRESS_MAX_FAILURES; address++) {
      const from = nextAddress();
      for (let attempt = 1; attempt <= ADDRESS_MAX_FAILURES; attempt++) await loginFrom(from, account.username, 'a stranger guessing');
    }
    const elsewhere = nextAddress();
    expect((await loginFrom(elsewhere, account.username, 'one more guess')).status).toBe(401);
    const slowed = await loginFrom(elsewhere, account.username, 'and another', 'en');
    expect(slowed.status).toBe(429);
    expect(slowed.body.error).toMatchObject({
      code: 'login_slowed',
      message: expect.stringMatching(/^Many failed logins have been tried with this username\. Try again after .+\.$/),
    });
    // The owner, at the office, is not held up at all.
    const owner = await loginFrom(office, account.username, account.password);
    expect(owner.status).toBe(200);
    const verified = await postFrom(office, '/api/v1/auth/mfa/verify', sessionHeaders(owner.response, owner.body.csrfToken), {
      code: await totpCode(secret, 1),
    });
    expect(verified.status).toBe(200);
    // The slowing ends when its 30 seconds have passed.
    await ctx.db
      .updateTable('login_username_failures')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('username', '=', account.username)
      .execute();
    expect((await loginFrom(elsewhere, account.username, account.password)).status).toBe(200);
  });

  it('after logging in, the owner is told how many failed attempts there were since the last login, and when the last was', async () => {
    const account = await makeAccount(ctx, 'director');
    const office = nextAddress();
    const { secret, recoveryCodes, headers: first } = await enrol(account.username, account.password, office);
    expect((await injectJson(app, 'GET', '/api/v1/session', first)).body.failedLogins).toEqual({ count: 0, lastAt: null });
    const stranger = nextAddress();
    for (let attempt = 1; attempt <= 3; attempt++) await loginFrom(stranger, account.username, 'a stranger guessing');
    const before = Date.now();
    await loginFrom(nextAddress(), account.username, 'one more elsewhere');
    const login = async (secondFactor: { code: string } | { recoveryCode: string }) => {
      const password = await loginFrom(office, account.username, account.password);
      const done = await postFrom(
        office,
        '/api/v1/auth/mfa/verify',
        sessionHeaders(password.response, password.body.csrfToken),
        secondFactor,
      );
      expect(done.body).toMatchObject({ stage: 'complete' });
      return injectJson(app, 'GET', '/api/v1/session', sessionHeaders(done.response, done.body.csrfToken));
    };
    const told = (await login({ code: await totpCode(secret, 1) })).body.failedLogins;
    expect(told.count).toBe(4);
    expect(Date.parse(told.lastAt)).toBeGreaterThanOrEqual(before - 1000);
    // Told once: the next login starts from nothing.
    expect((await login({ recoveryCode: recoveryCodes[0] })).body.failedLogins).toEqual({ count: 0, lastAt: null });
  });

  it('bad login input is a 400 naming the field, never a 500', async () => {
    const missing = await injectJson(app, 'POST', '/api/v1/auth/login', { 'accept-language': 'fi' }, { username: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'password', problem: 'required' }] });
    const broken = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { headers } = await enrol(account.username, account.password);
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) })
      .where('account_id', '=', account.id)
      .execute();
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.stage).toBe('none');
  });

  it('end after 12 hours however active', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { headers } = await enrol(account.username, account.password);
    await ctx.db
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 12 * 3600_000 - 1000) })
      .where('account_id', '=', account.id)
      .execute();
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.stage).toBe('none');
  });

  it('a state-changing request without the CSRF token is refused and changes nothing', async () => {
    const account = await makeAccount(ctx, 'caseworker');
    const { headers } = await enrol(account.username, account.password);
    const refused = await injectJson(app, 'PUT', '/api/v1/me/language', { cookie: headers.cookie }, { language: 'sv' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_failed');
    const crossSite = await injectJson(
      app,
      'PUT',
      '/api/v1/me/language',
      { ...headers, origin: 'https://evil.example' },
      { language: 'sv' },
    );
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
