import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import type { Role } from '../../src/core/policy/policy.ts';
import { createAccount } from '../../src/features/accounts/service.ts';
import { actorOf } from '../../src/core/policy/actorOf.ts';
import { findAccountById } from '../../src/features/accounts/queries.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/sessions.ts';
import { createClient } from '../../src/features/clients/service.ts';
import type { AppContext } from '../../src/server/context.ts';
import { uniqueName } from './testContext.ts';

const system = { actorId: null, actorRole: 'system', ip: null };

const placement: Record<Role, { officeId?: string; organisationId?: string }> = {
  director: { officeId: 'helsinki' },
  caseworker: { officeId: 'helsinki' },
  nurse: { officeId: 'helsinki' },
  coach: { organisationId: 'ikut' },
  partner: { organisationId: 'riku' },
  researcher: {},
  administrator: {},
};

export async function makeAccount(ctx: AppContext, role: Role, overrides: { officeId?: string; organisationId?: string } = {}) {
  const username = uniqueName(role);
  const { account, initialPassword } = await createAccount(
    ctx,
    system,
    { username, displayName: `Test ${role}`, role, ...placement[role], ...overrides },
    { direct: true },
  );
  const row = (await findAccountById(ctx.db, account.id))!;
  return { ...account, password: initialPassword, actor: actorOf(row) };
}

export type TestAccount = Awaited<ReturnType<typeof makeAccount>>;

/** One account for each role named, in the order named. */
export async function makeAccounts(ctx: AppContext, ...roles: Role[]): Promise<TestAccount[]> {
  const accounts: TestAccount[] = [];
  for (const role of roles) accounts.push(await makeAccount(ctx, role));
  return accounts;
}

/** A logged-in session made directly, for tests that are not about logging in. */
export async function sessionFor(ctx: AppContext, accountId: string) {
  const { token, session } = await createSession(ctx.db, accountId, 'complete', '127.0.0.1');
  return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrf_token };
}

export async function makeClient(
  ctx: AppContext,
  caseworker: { actor: Parameters<typeof createClient>[1]['actor'] },
  overrides: Partial<Parameters<typeof createClient>[2]> = {},
) {
  return createClient(
    ctx,
    { actor: caseworker.actor, ip: null },
    {
      name: 'Test Client',
      birthDate: '1990-01-01',
      gender: 'female',
      nationality: 'NG',
      contact: 'Signal after 18:00',
      whereabouts: 'Shelter address 12 B',
      ...overrides,
    },
  );
}

/** Follows a Set-Cookie of the session into the next request's headers. */
export function sessionHeaders(response: { cookies: Array<{ name: string; value: string }> }, csrfToken: string) {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, 'x-csrf-token': csrfToken };
}

/** A code for the given time step offset, so consecutive logins in one test do not reuse a step. */
/** The person's consent to a share, given in writing a moment ago. */
export const writtenConsent = () => ({ givenBy: 'person' as const, method: 'in_writing' as const, at: new Date().toISOString() });

export const totpCode = (secret: string, stepOffset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepOffset * 30 });

export async function injectJson(
  app: FastifyInstance,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  payload?: unknown,
) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null, response };
}
