import type { Api } from '../../server/context.ts';
import { decideGrant, listGrants, pendingGrants } from './grants.ts';
import { publicAccount } from './queries.ts';
import {
  accountIdParams,
  accountSchema,
  createAccountBody,
  grantSchema,
  passwordChangeBody,
  resetMfaBody,
  updateAccountBody,
} from './schema.ts';
import { changeOwnPassword, createAccount, endSessionsOf, resetMfa, setAccountDisabled, updateAccount } from './service.ts';
import { emptyResponse } from '../../server/schemaParts.ts';

export async function accountRoutes(app: Api) {
  app.get(
    '/api/v1/staff',
    {
      config: { access: 'staff.list' },
      schema: {
        tags: ['accounts'],
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                displayName: { type: 'string' },
                role: { type: 'string' },
                officeId: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
    async () =>
      (
        await app.polku.db
          .selectFrom('accounts')
          .select(['id', 'display_name', 'role', 'office_id'])
          .where('role', 'in', ['director', 'caseworker', 'nurse'])
          .where('disabled_at', 'is', null)
          .where('awaits_confirmation', '=', false)
          .orderBy('display_name')
          .execute()
      ).map((account) => ({ id: account.id, displayName: account.display_name, role: account.role, officeId: account.office_id })),
  );

  const ctx = app.polku;
  const manage = { access: 'accounts.manage' } as const;
  const one = { 200: accountSchema };

  app.get(
    '/api/v1/admin/accounts',
    { config: manage, schema: { tags: ['accounts'], response: { 200: { type: 'array', items: accountSchema } } } },
    async () => {
      const accounts = await ctx.db.selectFrom('accounts').selectAll().orderBy('display_name').execute();
      const pending = new Map((await pendingGrants(ctx.db).execute()).map((grant) => [grant.account_id, grant]));
      return accounts.map((account) => publicAccount(account, pending.get(account.id) ?? null));
    },
  );

  app.post(
    '/api/v1/admin/accounts',
    {
      config: manage,
      schema: {
        tags: ['accounts'],
        body: createAccountBody,
        response: {
          201: { type: 'object', additionalProperties: false, properties: { account: accountSchema, initialPassword: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      const created = await createAccount(ctx, request.auditBase(), request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/v1/admin/accounts/:id',
    { config: manage, schema: { tags: ['accounts'], params: accountIdParams, body: updateAccountBody, response: one } },
    async (request) => updateAccount(ctx, request.auditBase(), request.params.id, request.body),
  );

  app.post(
    '/api/v1/admin/accounts/:id/disable',
    { config: manage, schema: { tags: ['accounts'], params: accountIdParams, response: one } },
    async (request) => setAccountDisabled(ctx, request.auditBase(), request.params.id, true),
  );

  app.post(
    '/api/v1/admin/accounts/:id/enable',
    { config: manage, schema: { tags: ['accounts'], params: accountIdParams, response: one } },
    async (request) => setAccountDisabled(ctx, request.auditBase(), request.params.id, false),
  );

  app.post(
    '/api/v1/admin/accounts/:id/reset-mfa',
    {
      config: manage,
      schema: { tags: ['accounts'], params: accountIdParams, body: resetMfaBody, response: one },
    },
    async (request) => resetMfa(ctx, request.auditBase(), request.params.id, request.body.password),
  );

  app.post(
    '/api/v1/admin/accounts/:id/end-sessions',
    {
      config: manage,
      schema: {
        tags: ['accounts'],
        params: accountIdParams,
        response: { 200: { type: 'object', properties: { ended: { type: 'integer' } } } },
      },
    },
    async (request) => ({ ended: await endSessionsOf(ctx, request.auditBase(), request.params.id) }),
  );

  // Separation of duties: a director decides what an administrator asked that opens client data.
  const confirmGrants = { access: 'accounts.confirmGrants' } as const;
  app.get(
    '/api/v1/account-grants',
    { config: confirmGrants, schema: { tags: ['accounts'], response: { 200: { type: 'array', items: grantSchema } } } },
    async (request) => listGrants(ctx, request.actor!.id),
  );

  for (const [path, decision] of [
    ['confirm', 'confirmed'],
    ['refuse', 'refused'],
  ] as const) {
    app.post(
      `/api/v1/account-grants/:id/${path}`,
      { config: confirmGrants, schema: { tags: ['accounts'], params: accountIdParams, response: { 200: grantSchema } } },
      async (request) => decideGrant(ctx, { ...request.auditBase(), actorId: request.actor!.id }, request.params.id, decision),
    );
  }

  app.put(
    '/api/v1/me/password',
    {
      config: { access: 'session', beforeOwnPassword: true },
      schema: {
        tags: ['accounts'],
        body: passwordChangeBody,
        response: emptyResponse,
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await changeOwnPassword(ctx, { ...request.auditBase(), actorId: request.actor!.id }, currentPassword, newPassword);
      return reply.code(204).send();
    },
  );
}
