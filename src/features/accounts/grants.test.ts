import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let admin: TestAccount;
let director: TestAccount;
let adminHeaders: Record<string, string>;
let directorHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  admin = await makeAccount(ctx, 'administrator');
  director = await makeAccount(ctx, 'director');
  adminHeaders = await sessionFor(ctx, admin.id);
  directorHeaders = await sessionFor(ctx, director.id);
  await makeClient(ctx, await makeAccount(ctx, 'caseworker'));
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const patch = (id: string, body: unknown, headers = adminHeaders) =>
  injectJson(app, 'PATCH', `/api/v1/admin/accounts/${id}`, headers, body);
const roleOf = async (id: string) =>
  (await ctx.db.selectFrom('accounts').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;
const audited = (action: string, outcome: string, account: string) =>
  ctx.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', action)
    .where('outcome', '=', outcome)
    .execute()
    .then((rows) => rows.filter((row) => (row.details as { account?: string } | null)?.account === account));
const grantFor = async (accountId: string) =>
  (await injectJson(app, 'GET', '/api/v1/account-grants', directorHeaders)).body.find(
    (grant: { accountId: string; status: string }) => grant.accountId === accountId && grant.status === 'pending',
  );
const login = (account: { username: string; password: string }) =>
  injectJson(app, 'POST', '/api/v1/auth/login', {}, { username: account.username, password: account.password });

describe('separation of duties for account grants', () => {
  it('an administrator cannot make themselves director, and the attempt is audited as denied', async () => {
    const attempt = await patch(admin.id, { role: 'director', officeId: 'helsinki' });
    expect(attempt.status).toBe(403);
    expect(attempt.body.error.code).toBe('cannot_change_own_access');
    expect(attempt.body.error.message).toBe(
      'Et voi muuttaa oman tilisi roolia, toimipistettä, organisaatiota tai päätösvaltaa. Pyydä toista pääkäyttäjää tekemään muutos.',
    );
    expect(await roleOf(admin.id)).toBe('administrator');
    expect(await audited('accounts.update', 'denied', admin.id)).toHaveLength(1);
    expect(await grantFor(admin.id)).toBeUndefined();
    expect((await injectJson(app, 'GET', '/api/v1/clients', adminHeaders)).status).toBe(403);
  });

  it('nobody changes their own office or designation either, but may change their own name', async () => {
    const worker = await makeAccount(ctx, 'caseworker');
    const otherAdmin = await makeAccount(ctx, 'administrator');
    const own = await patch(otherAdmin.id, { officeId: 'tampere' }, await sessionFor(ctx, otherAdmin.id));
    expect(own.body.error.code).toBe('cannot_change_own_access');
    expect((await patch(admin.id, { displayName: 'Admin Renamed', role: 'administrator' })).body.displayName).toBe('Admin Renamed');
    expect((await patch(worker.id, { decidesAdmissions: true })).body.pendingGrant).toMatchObject({ decidesAdmissions: true });
  });

  it("an administrator's change to a role that reads client data waits until a director confirms it", async () => {
    const colleague = await makeAccount(ctx, 'administrator');
    const colleagueHeaders = await sessionFor(ctx, colleague.id);
    const asked = await patch(colleague.id, { role: 'director', officeId: 'helsinki', title: 'Johtaja' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ role: 'administrator', title: 'Johtaja', pendingGrant: { role: 'director', officeId: 'helsinki' } });
    expect((await injectJson(app, 'GET', '/api/v1/clients', colleagueHeaders)).status).toBe(403);
    const listed = (await injectJson(app, 'GET', '/api/v1/admin/accounts', adminHeaders)).body.find(
      (account: { id: string }) => account.id === colleague.id,
    );
    expect(listed.pendingGrant.role).toBe('director');

    const grant = await grantFor(colleague.id);
    expect(grant).toMatchObject({ currentRole: 'administrator', role: 'director', decidable: true, newAccount: false });
    const confirmed = await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/confirm`, directorHeaders);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedBy: 'Test director' });
    expect(await roleOf(colleague.id)).toBe('director');
    // The role changed: the old session ended, a new login gets the new access.
    expect((await injectJson(app, 'GET', '/api/v1/clients', colleagueHeaders)).status).toBe(401);
    expect((await injectJson(app, 'GET', '/api/v1/clients', await sessionFor(ctx, colleague.id))).status).toBe(200);
    expect(await audited('accounts.grant_request', 'succeeded', colleague.id)).toHaveLength(1);
    expect(await audited('accounts.grant_confirm', 'succeeded', colleague.id)).toHaveLength(1);

    const again = await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/refuse`, directorHeaders);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('grant_not_pending');
  });

  it('a new account with a role that reads client data cannot log in until a director confirms it', async () => {
    const unknown = await injectJson(app, 'POST', '/api/v1/admin/accounts', adminHeaders, {
      username: 'waiting.nurse@polku.test',
      displayName: 'Waiting Nurse',
      role: 'nurse',
      officeId: 'nowhere',
    });
    expect(unknown.body.error.code).toBe('unknown_office');
    const created = await injectJson(app, 'POST', '/api/v1/admin/accounts', adminHeaders, {
      username: 'waiting.nurse@polku.test',
      displayName: 'Waiting Nurse',
      role: 'nurse',
      officeId: 'tampere',
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ awaitsConfirmation: true, pendingGrant: { role: 'nurse', officeId: 'tampere' } });
    const account = { username: 'waiting.nurse@polku.test', password: created.body.initialPassword };
    const refused = await login(account);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account_awaits_confirmation');
    expect(refused.response.cookies).toHaveLength(0);
    // A wrong password says nothing about the waiting.
    expect((await login({ ...account, password: 'not the password at all' })).body.error.code).toBe('invalid_credentials');

    const grant = await grantFor(created.body.account.id);
    expect(grant).toMatchObject({ newAccount: true, currentRole: null });
    await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/confirm`, directorHeaders);
    expect((await login(account)).body.stage).toBe('mfa_enrol');
  });

  it('a refused grant changes nothing, and a new account refused still cannot log in', async () => {
    const created = await injectJson(app, 'POST', '/api/v1/admin/accounts', adminHeaders, {
      username: 'refused.coach@polku.test',
      displayName: 'Refused Coach',
      role: 'coach',
      organisationId: 'ikut',
    });
    const grant = await grantFor(created.body.account.id);
    const refused = await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/refuse`, directorHeaders);
    expect(refused.body.status).toBe('refused');
    expect((await login({ username: 'refused.coach@polku.test', password: created.body.initialPassword })).body.error.code).toBe(
      'account_awaits_confirmation',
    );
    expect(await audited('accounts.grant_refuse', 'succeeded', created.body.account.id)).toHaveLength(1);
    // Made a researcher instead, which opens no client data, it may log in at once.
    const researcher = await patch(created.body.account.id, { role: 'researcher', organisationId: null });
    expect(researcher.body).toMatchObject({ role: 'researcher', awaitsConfirmation: false, pendingGrant: null });
    expect((await login({ username: 'refused.coach@polku.test', password: created.body.initialPassword })).body.stage).toBe('mfa_enrol');
  });

  it('a director cannot decide a grant to themselves; another director can', async () => {
    const moved = await patch(director.id, { officeId: 'oulu' });
    expect(moved.body).toMatchObject({ officeId: 'helsinki', pendingGrant: { officeId: 'oulu' } });
    const grant = await grantFor(director.id);
    expect(grant.decidable).toBe(false);
    const own = await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/confirm`, directorHeaders);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('grant_needs_another_person');
    expect(await audited('accounts.grant_confirm', 'denied', director.id)).toHaveLength(1);
    const other = await makeAccount(ctx, 'director');
    const otherHeaders = await sessionFor(ctx, other.id);
    expect((await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/confirm`, otherHeaders)).body.status).toBe('confirmed');
    directorHeaders = await sessionFor(ctx, director.id);
    expect((await injectJson(app, 'GET', '/api/v1/session', directorHeaders)).body.account.officeId).toBe('oulu');
  });

  it('a change that takes access away takes effect at once and ends the sessions', async () => {
    const designated = await makeAccount(ctx, 'caseworker');
    await ctx.db.updateTable('accounts').set({ decides_admissions: true }).where('id', '=', designated.id).execute();
    const session = await sessionFor(ctx, designated.id);
    const removed = await patch(designated.id, { decidesAdmissions: false });
    expect(removed.body).toMatchObject({ decidesAdmissions: false, pendingGrant: null });
    expect((await injectJson(app, 'GET', '/api/v1/clients', session)).status).toBe(401);

    const boss = await makeAccount(ctx, 'director');
    const demoted = await patch(boss.id, { role: 'caseworker' });
    expect(demoted.body).toMatchObject({ role: 'caseworker', pendingGrant: null });
  });

  it('a newer change replaces the one that waited', async () => {
    const researcher = await makeAccount(ctx, 'researcher');
    await patch(researcher.id, { role: 'director', officeId: 'helsinki' });
    const first = await grantFor(researcher.id);
    await patch(researcher.id, { role: 'caseworker', officeId: 'tampere' });
    const second = await grantFor(researcher.id);
    expect(second).toMatchObject({ role: 'caseworker', officeId: 'tampere' });
    expect((await injectJson(app, 'POST', `/api/v1/account-grants/${first.id}/confirm`, directorHeaders)).body.error.code).toBe(
      'grant_not_pending',
    );
    expect(await roleOf(researcher.id)).toBe('researcher');
  });

  it('the administrator reads no client data by any path', async () => {
    const tries: Array<() => Promise<unknown>> = [
      () => patch(admin.id, { role: 'caseworker', officeId: 'helsinki' }),
      () => patch(admin.id, { decidesAdmissions: true }),
      () => injectJson(app, 'POST', '/api/v1/account-grants/00000000-0000-4000-8000-000000000000/confirm', adminHeaders),
    ];
    for (const attempt of tries) await attempt();
    // A second account made by the administrator, used before a director confirms it.
    const created = await injectJson(app, 'POST', '/api/v1/admin/accounts', adminHeaders, {
      username: 'shadow.director@polku.test',
      displayName: 'Shadow',
      role: 'director',
      officeId: 'helsinki',
    });
    const shadow = { id: created.body.account.id, username: 'shadow.director@polku.test', password: created.body.initialPassword };
    expect((await login(shadow)).status).toBe(403);
    const shadowSession = await sessionFor(ctx, shadow.id);
    expect((await injectJson(app, 'GET', '/api/v1/clients', shadowSession)).status).toBe(401);
    expect((await injectJson(app, 'GET', '/api/v1/session', shadowSession)).body.stage).toBe('none');
    // Nor does the waiting account appear among the staff a case can be given to.
    const staff = (await injectJson(app, 'GET', '/api/v1/staff', directorHeaders)).body as Array<{ id: string }>;
    expect(staff.map((member) => member.id)).not.toContain(shadow.id);
    // The administrator cannot decide it either.
    const grant = await grantFor(shadow.id);
    expect((await injectJson(app, 'POST', `/api/v1/account-grants/${grant.id}/confirm`, adminHeaders)).status).toBe(403);
    expect((await injectJson(app, 'GET', '/api/v1/account-grants', adminHeaders)).status).toBe(403);
    for (const headers of [adminHeaders, await sessionFor(ctx, admin.id)]) {
      expect((await injectJson(app, 'GET', '/api/v1/clients', headers)).status).toBe(403);
      expect((await injectJson(app, 'GET', '/api/v1/referrals/queue', headers)).status).toBe(403);
    }
    expect(await roleOf(admin.id)).toBe('administrator');
  });
});
