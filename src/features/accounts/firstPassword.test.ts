import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, sessionHeaders, totpCode, type TestAccount } from '../../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let administrator: TestAccount;
let director: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [administrator, director] = await makeAccounts(ctx, 'administrator', 'director');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** Logs in as the person would, enrolling the authenticator: the headers of the complete session. */
async function logIn(username: string, password: string) {
  const login = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username, password });
  expect(login.status).toBe(200);
  const partial = sessionHeaders(login.response, login.body.csrfToken);
  const enrolment = await injectJson(app, 'GET', '/api/v1/auth/mfa/enrolment', partial);
  const done = await injectJson(app, 'POST', '/api/v1/auth/mfa/enrolment', partial, { code: await totpCode(enrolment.body.secret) });
  expect(done.status).toBe(200);
  return sessionHeaders(done.response, done.body.csrfToken);
}

async function createdByAdministrator(username: string, role: string) {
  const created = await injectJson(app, 'POST', '/api/v1/admin/accounts', await as(administrator), {
    username,
    displayName: 'First Timer',
    role,
  });
  expect(created.status).toBe(201);
  return created.body as { account: { id: string; mustChangePassword: boolean }; initialPassword: string };
}

describe('the first password', () => {
  it('an account created by an administrator must set its own password before anything else', async () => {
    const { account, initialPassword } = await createdByAdministrator('first.timer@test.polku', 'researcher');
    expect(account.mustChangePassword).toBe(true);
    const headers = await logIn('first.timer@test.polku', initialPassword);

    const session = await injectJson(app, 'GET', '/api/v1/session', headers);
    expect(session.body).toMatchObject({ stage: 'complete', account: { mustChangePassword: true } });
    for (const [method, url, body] of [
      ['GET', '/api/v1/organisations'],
      ['GET', '/api/v1/statistics/annual/2020'],
      ['PUT', '/api/v1/me/language', { language: 'en' }],
      ['GET', '/api/v1/auth/mfa/enrolment'],
    ] as const) {
      const refused = await injectJson(app, method, url, headers, body);
      expect(refused.status, url).toBe(403);
      expect(refused.body.error.code).toBe('password_change_required');
    }
    const before = await ctx.db.selectFrom('accounts').select('language').where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(before.language).toBe('fi');

    const same = await injectJson(app, 'PUT', '/api/v1/me/password', headers, {
      currentPassword: initialPassword,
      newPassword: initialPassword,
    });
    expect(same.body.error.code).toBe('password_unchanged');
    const changed = await injectJson(app, 'PUT', '/api/v1/me/password', headers, {
      currentPassword: initialPassword,
      newPassword: 'my own long passphrase 2026',
    });
    expect(changed.status).toBe(204);
    expect((await injectJson(app, 'GET', '/api/v1/organisations', headers)).status).toBe(200);
    expect((await injectJson(app, 'GET', '/api/v1/session', headers)).body.account.mustChangePassword).toBe(false);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'accounts.change_password')
      .where('actor_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ firstPassword: true });
  });

  it('logging out is answered before the password is changed', async () => {
    const { initialPassword } = await createdByAdministrator('leaves.at.once@test.polku', 'researcher');
    const headers = await logIn('leaves.at.once@test.polku', initialPassword);
    expect((await injectJson(app, 'POST', '/api/v1/auth/logout', headers)).status).toBe(204);
  });

  it('accounts made by the operator on the server (and the demo) are not asked', async () => {
    const [researcher] = await makeAccounts(ctx, 'researcher');
    expect(researcher.mustChangePassword).toBe(false);
    expect((await injectJson(app, 'GET', '/api/v1/organisations', await as(researcher))).status).toBe(200);
  });
});

describe('enabling a disabled account', () => {
  it('gives back access to client data only once a director confirms it', async () => {
    const [caseworker] = await makeAccounts(ctx, 'caseworker');
    const admin = await as(administrator);
    expect((await injectJson(app, 'POST', `/api/v1/admin/accounts/${caseworker.id}/disable`, admin)).status).toBe(200);
    const enabled = await injectJson(app, 'POST', `/api/v1/admin/accounts/${caseworker.id}/enable`, admin);
    expect(enabled.body).toMatchObject({ disabled: false, awaitsConfirmation: true, pendingGrant: { role: 'caseworker' } });
    expect((await injectJson(app, 'GET', '/api/v1/clients', await as(caseworker))).status).toBe(401);
    const grant = enabled.body.pendingGrant.id;
    expect((await injectJson(app, 'POST', `/api/v1/account-grants/${grant}/confirm`, await as(director))).status).toBe(200);
    expect((await injectJson(app, 'GET', '/api/v1/clients', await as(caseworker))).status).toBe(200);
  });

  it('an account that opens no client data is enabled at once', async () => {
    const [researcher] = await makeAccounts(ctx, 'researcher');
    const admin = await as(administrator);
    await injectJson(app, 'POST', `/api/v1/admin/accounts/${researcher.id}/disable`, admin);
    const enabled = await injectJson(app, 'POST', `/api/v1/admin/accounts/${researcher.id}/enable`, admin);
    expect(enabled.body).toMatchObject({ disabled: false, awaitsConfirmation: false, pendingGrant: null });
  });
});
