import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { passwordProblem } from './passwords.ts';

let ctx: TestContext;
let app: FastifyInstance;
let admin: TestAccount;
let headers: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  admin = await makeAccount(ctx, 'administrator');
  headers = await sessionFor(ctx, admin.id);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const countAccounts = async () =>
  Number((await ctx.db.selectFrom('accounts').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('account administration', () => {
  it('creates an account with a one-time first password hashed with argon2id', async () => {
    const created = await injectJson(app, 'POST', '/api/v1/admin/accounts', headers, {
      username: 'New.Worker@Polku.test',
      displayName: 'New Worker',
      role: 'researcher',
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({
      username: 'new.worker@polku.test',
      role: 'researcher',
      mfaEnabled: false,
      awaitsConfirmation: false,
      pendingGrant: null,
    });
    expect(created.body.initialPassword.length).toBeGreaterThanOrEqual(12);
    const row = await ctx.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', created.body.account.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    const login = await injectJson(
      app,
      'POST',
      '/api/v1/auth/login',
      {},
      { username: 'new.worker@polku.test', password: created.body.initialPassword },
    );
    expect(login.body.stage).toBe('mfa_enrol');
  });

  it('refuses a partner without an organisation and a taken username, writing nothing', async () => {
    const before = await countAccounts();
    const partner = await injectJson(app, 'POST', '/api/v1/admin/accounts', headers, {
      username: 'partner-x@test',
      displayName: 'X',
      role: 'partner',
    });
    expect(partner.status).toBe(400);
    expect(partner.body.error.code).toBe('organisation_required');
    const taken = await injectJson(app, 'POST', '/api/v1/admin/accounts', headers, {
      username: admin.username,
      displayName: 'X',
      role: 'researcher',
    });
    expect(taken.status).toBe(409);
    const badRole = await injectJson(app, 'POST', '/api/v1/admin/accounts', headers, {
      username: 'y@test',
      displayName: 'Y',
      role: 'superuser',
    });
    expect(badRole.body.error.details).toEqual([expect.objectContaining({ field: 'role', problem: 'enum' })]);
    expect(await countAccounts()).toBe(before);
  });

  it('disabling an account ends its sessions at once', async () => {
    const worker = await makeAccount(ctx, 'caseworker');
    const workerHeaders = await sessionFor(ctx, worker.id);
    expect((await injectJson(app, 'GET', '/api/v1/clients', workerHeaders)).status).toBe(200);
    const disabled = await injectJson(app, 'POST', `/api/v1/admin/accounts/${worker.id}/disable`, headers);
    expect(disabled.body.disabled).toBe(true);
    expect((await injectJson(app, 'GET', '/api/v1/clients', workerHeaders)).status).toBe(401);
    const login = await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: worker.username, password: worker.password });
    expect(login.status).toBe(401);
  });

  it('resetting MFA needs the administrator to re-enter their password', async () => {
    const worker = await makeAccount(ctx, 'nurse');
    await ctx.db.updateTable('accounts').set({ totp_enabled: true }).where('id', '=', worker.id).execute();
    const wrong = await injectJson(app, 'POST', `/api/v1/admin/accounts/${worker.id}/reset-mfa`, headers, { password: 'not my password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('reauthentication_failed');
    const right = await injectJson(app, 'POST', `/api/v1/admin/accounts/${worker.id}/reset-mfa`, headers, { password: admin.password });
    expect(right.status).toBe(200);
    expect(right.body.mfaEnabled).toBe(false);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('actor_id', '=', admin.id)
      .where('action', '=', 'accounts.reset_mfa')
      .execute();
    expect(audit.map((row) => row.outcome).sort()).toEqual(['failed', 'succeeded']);
  });

  it("ends a user's sessions and changes a role, which also ends them", async () => {
    const worker = await makeAccount(ctx, 'caseworker');
    const workerHeaders = await sessionFor(ctx, worker.id);
    await sessionFor(ctx, worker.id);
    expect((await injectJson(app, 'POST', `/api/v1/admin/accounts/${worker.id}/end-sessions`, headers)).body.ended).toBe(2);
    expect((await injectJson(app, 'GET', '/api/v1/clients', workerHeaders)).status).toBe(401);
    const again = await sessionFor(ctx, worker.id);
    const changed = await injectJson(app, 'PATCH', `/api/v1/admin/accounts/${worker.id}`, headers, { role: 'researcher' });
    expect(changed.body.role).toBe('researcher');
    expect((await injectJson(app, 'GET', '/api/v1/clients', again)).status).toBe(401);
  });

  it('an administrator cannot disable their own account', async () => {
    const self = await injectJson(app, 'POST', `/api/v1/admin/accounts/${admin.id}/disable`, headers);
    expect(self.status).toBe(409);
  });
});

describe('passwords', () => {
  it('need twelve characters and must not be common or contain the username', () => {
    expect(passwordProblem('short')).toBe('password_too_short');
    expect(passwordProblem('password1234')).toBe('password_common');
    expect(passwordProblem('Salasana2024!!')).toBe('password_common');
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toBe('password_common');
    expect(passwordProblem('sanna.virtanen-rocks', 'sanna.virtanen@polku.fi')).toBe('password_contains_username');
    expect(passwordProblem('kolme karhua metsässä')).toBeNull();
  });

  it('a user changes their own password after giving the current one', async () => {
    const worker = await makeAccount(ctx, 'coach');
    const workerHeaders = await sessionFor(ctx, worker.id);
    const weak = await injectJson(app, 'PUT', '/api/v1/me/password', workerHeaders, {
      currentPassword: worker.password,
      newPassword: 'qwerty123456',
    });
    expect(weak.body.error.code).toBe('password_common');
    const ok = await injectJson(app, 'PUT', '/api/v1/me/password', workerHeaders, {
      currentPassword: worker.password,
      newPassword: 'vihreä kettu hyppää',
    });
    expect(ok.status).toBe(204);
    expect(
      (await injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: worker.username, password: 'vihreä kettu hyppää' })).status,
    ).toBe(200);
  });
});
