import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { roles, type Role } from '../src/core/policy/policy.ts';
import { createTestContext, type TestContext } from './support/testContext.ts';
import { makeAccount, makeClient, sessionFor, type TestAccount, writtenConsent } from './support/factories.ts';
import { shareClient } from '../src/features/clients/service.ts';

/**
 * Every API route × every role. `public` routes answer anyone; the rest list the roles that get
 * past the permission policy. A new route that is not in this table fails the test.
 */
const staffWithClients: Role[] = ['director', 'caseworker', 'nurse', 'coach', 'partner'];
const table: Record<string, 'public' | 'any session' | Role[]> = {
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/session': 'public',
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/health': 'public',
  'GET /api/v1/health/ready': 'public',
  'GET /api/v1/auth/mfa/enrolment': 'any session',
  'POST /api/v1/auth/mfa/enrolment': 'any session',
  'POST /api/v1/auth/mfa/verify': 'any session',
  'POST /api/v1/auth/logout': 'any session',
  'PUT /api/v1/me/language': 'any session',
  'PUT /api/v1/me/password': 'any session',
  'GET /api/v1/admin/accounts': ['administrator'],
  'POST /api/v1/admin/accounts': ['administrator'],
  'PATCH /api/v1/admin/accounts/:id': ['administrator'],
  'POST /api/v1/admin/accounts/:id/disable': ['administrator'],
  'POST /api/v1/admin/accounts/:id/enable': ['administrator'],
  'POST /api/v1/admin/accounts/:id/reset-mfa': ['administrator'],
  'POST /api/v1/admin/accounts/:id/end-sessions': ['administrator'],
  'GET /api/v1/account-grants': ['director'],
  'POST /api/v1/account-grants/:id/confirm': ['director'],
  'POST /api/v1/account-grants/:id/refuse': ['director'],
  'POST /api/v1/exchange/imports': ['administrator'],
  'GET /api/v1/exchange/imports/:id': ['administrator'],
  'GET /api/v1/exchange/export': ['administrator'],
  'GET /api/v1/offices': [...roles],
  'GET /api/v1/organisations': [...roles],
  'POST /api/v1/clients': ['director', 'caseworker'],
  'GET /api/v1/clients': staffWithClients,
  'GET /api/v1/clients/:id': staffWithClients,
  'PUT /api/v1/clients/:id/shares': ['director', 'caseworker'],
  'GET /api/v1/clients/:id/access-log': ['director'],
  'GET /api/v1/clients/:id/pages/:part': staffWithClients,
  'GET /api/v1/statistics/annual/:year': [...roles],
  'GET /api/v1/statistics/annual/:year/download': [...roles],
  'GET /api/v1/statistics/releases': [...roles],
  'GET /api/v1/statistics/releases/:id': [...roles],
  'GET /api/v1/statistics/annual/:year/release-preview': ['director'],
  'POST /api/v1/statistics/annual/:year/releases': ['director'],
  'GET /api/v1/public/statistics': 'public',
  'GET /api/v1/public/statistics/time-series': 'public',
  'GET /api/v1/public/statistics/:year': 'public',
  'GET /api/v1/staff': ['director', 'caseworker'],
  'POST /api/v1/public/referrals': 'public',
  'POST /api/v1/public/consultations': 'public',
  // The competence centre: the assistance system's own staff.
  'GET /api/v1/consultations': ['director', 'caseworker'],
  'POST /api/v1/consultations': ['director', 'caseworker'],
  'GET /api/v1/consultations/overview': ['director', 'caseworker'],
  'GET /api/v1/consultations/overview/download': ['director', 'caseworker'],
  'GET /api/v1/consultations/:id': ['director', 'caseworker'],
  'POST /api/v1/consultations/:id/answer': ['director', 'caseworker'],
  'GET /api/v1/training': ['director', 'caseworker'],
  'POST /api/v1/training': ['director', 'caseworker'],
  'POST /api/v1/referrals': ['director', 'caseworker', 'partner'],
  'GET /api/v1/referrals/queue': ['director', 'caseworker'],
  'POST /api/v1/referrals/queue/search': ['director', 'caseworker'],
  'GET /api/v1/referrals/sent': ['partner'],
  'GET /api/v1/referrals/:id': ['director', 'caseworker'],
  'POST /api/v1/referrals/:id/withdrawal': ['director', 'caseworker'],
  'PUT /api/v1/referrals/:id/matches/:personId': ['director', 'caseworker'],
  'POST /api/v1/referrals/:id/decision': ['director'],
  'GET /api/v1/referrals/:id/decision-letter': ['director', 'caseworker'],
  // Writes with a body stop at validation for every role past the route; the field group is checked after.
  'POST /api/v1/clients/:id/services': staffWithClients,
  'PATCH /api/v1/clients/:id/services/:itemId': staffWithClients,
  'POST /api/v1/clients/:id/notes': staffWithClients,
  'POST /api/v1/clients/:id/tasks': staffWithClients,
  'PUT /api/v1/clients/:id/tasks/:itemId/done': staffWithClients,
  'GET /api/v1/me/tasks': staffWithClients,
  'POST /api/v1/clients/:id/residence': staffWithClients,
  'POST /api/v1/clients/:id/children': staffWithClients,
  'PUT /api/v1/clients/:id/exploitation': staffWithClients,
  'POST /api/v1/clients/:id/termination': staffWithClients,
  'POST /api/v1/clients/:id/reopening': ['director'],
  'POST /api/v1/clients/:id/documents': staffWithClients,
  // Without a body the field group decides: the coach and the partner on this case may not.
  'GET /api/v1/clients/:id/documents/:itemId': ['director', 'caseworker', 'nurse'],
  'POST /api/v1/clients/:id/reflection-periods': staffWithClients,
  'PATCH /api/v1/clients/:id/reflection-periods/:start': staffWithClients,
  'GET /api/v1/reflection-periods/ending': ['director', 'caseworker'],
  'POST /api/v1/clients/:id/identification': ['director', 'caseworker'],
  'POST /api/v1/clients/:id/identification/experts': staffWithClients,
  'PUT /api/v1/clients/:id/identification/experts/:expertId/statement': staffWithClients,
  'PUT /api/v1/clients/:id/identification/meeting': staffWithClients,
  'POST /api/v1/clients/:id/identification/decision': ['director'],
  'GET /api/v1/identification/queue': ['director', 'caseworker'],
  'GET /api/v1/coaching/programmes': ['director', 'coach', 'partner'],
  'POST /api/v1/coaching/programmes': ['coach'],
  'GET /api/v1/coaching/programmes/:id': ['director', 'coach', 'partner'],
  'PUT /api/v1/coaching/programmes/:id': ['coach'],
  'GET /api/v1/coaching/groups': ['director', 'coach', 'partner'],
  'POST /api/v1/coaching/groups': ['coach'],
  'GET /api/v1/coaching/groups/:id': ['director', 'coach', 'partner'],
  'GET /api/v1/coaching/coaches': ['coach'],
  'GET /api/v1/coaching/groups/:id/sessions': ['director', 'coach', 'partner'],
  'PATCH /api/v1/coaching/groups/:id/sessions/:itemId': ['coach'],
  'GET /api/v1/coaching/groups/:id/calendar': ['coach'],
  'POST /api/v1/coaching/participants': ['coach'],
  'GET /api/v1/coaching/participants': ['director', 'coach', 'partner', 'nurse'],
  'GET /api/v1/coaching/participants/:id': ['director', 'coach', 'partner', 'nurse'],
  'PUT /api/v1/coaching/participants/:id/assessment': ['coach'],
  'POST /api/v1/coaching/participants/:id/meetings': ['director', 'coach', 'partner', 'nurse'],
  'GET /api/v1/coaching/groups/:id/participants': ['director', 'coach', 'partner'],
  'POST /api/v1/coaching/groups/:id/enrolments': ['coach'],
  'GET /api/v1/coaching/groups/:id/attendance': ['director', 'coach', 'partner'],
  'PUT /api/v1/coaching/groups/:id/sessions/:itemId/attendance': ['coach'],
  'PUT /api/v1/coaching/groups/:id/participants/:participantId/goals': ['coach'],
  'PUT /api/v1/coaching/groups/:id/participants/:participantId/plan': ['coach'],
  'POST /api/v1/coaching/groups/:id/participants/:participantId/follow-ups': ['coach'],
  'POST /api/v1/coaching/groups/:id/participants/:participantId/leaving': ['coach'],
  'POST /api/v1/coaching/tasks/:id/done': ['coach'],
  'GET /api/v1/coaching/participants/:id/schedule': ['coach'],
  'PUT /api/v1/coaching/participants/:id/languages': ['coach'],
  'GET /api/v1/coaching/tasks': ['coach'],
  'GET /api/v1/coaching/groups/:id/report': ['director', 'coach', 'partner'],
  'GET /api/v1/coaching/programmes/:id/report': ['director', 'coach', 'partner'],
  'GET /api/v1/coaching/programmes/:id/report/file': ['director', 'coach', 'partner'],
  // The employment study: researchers on a study's team, the director reading every study.
  'GET /api/v1/studies': ['director', 'researcher'],
  'POST /api/v1/studies': ['researcher'],
  'GET /api/v1/studies/researchers': ['researcher'],
  'GET /api/v1/studies/:id': ['director', 'researcher'],
  'PUT /api/v1/studies/:id': ['researcher'],
  'PUT /api/v1/studies/:id/team': ['researcher'],
  'POST /api/v1/studies/:id/guides': ['researcher'],
  'GET /api/v1/studies/:id/guides/:guideId': ['director', 'researcher'],
  'PUT /api/v1/studies/:id/guides/:guideId': ['researcher'],
  'GET /api/v1/studies/:id/participants': ['director', 'researcher'],
  'POST /api/v1/studies/:id/participants': ['researcher'],
  'GET /api/v1/studies/:id/participants/:participantId/identity': ['researcher'],
  'POST /api/v1/studies/:id/participants/:participantId/consents': ['researcher'],
  'POST /api/v1/studies/:id/participants/:participantId/withdrawal': ['researcher'],
  'GET /api/v1/studies/:id/interviews': ['director', 'researcher'],
  'POST /api/v1/studies/:id/interviews': ['researcher'],
  'POST /api/v1/studies/:id/transcripts/preview': ['researcher'],
  'POST /api/v1/studies/:id/transcripts': ['researcher'],
  'GET /api/v1/studies/:id/transcripts/:transcriptId': ['director', 'researcher'],
  'PUT /api/v1/studies/:id/transcripts/:transcriptId/sections': ['researcher'],
  'GET /api/v1/studies/:id/questions/:questionId/answers': ['director', 'researcher'],
  'GET /api/v1/studies/:id/codebook': ['director', 'researcher'],
  'POST /api/v1/studies/:id/codes': ['researcher'],
  'PUT /api/v1/studies/:id/codes/:codeId': ['researcher'],
  'POST /api/v1/studies/:id/codes/:codeId/merge': ['researcher'],
  'POST /api/v1/studies/:id/transcripts/:transcriptId/segments': ['researcher'],
  'PUT /api/v1/studies/:id/segments/:segmentId': ['researcher'],
  'DELETE /api/v1/studies/:id/segments/:segmentId': ['researcher'],
  'PUT /api/v1/studies/:id/memos': ['researcher'],
  'POST /api/v1/studies/:id/search': ['director', 'researcher'],
  'POST /api/v1/studies/:id/search/code': ['researcher'],
  'GET /api/v1/studies/:id/coders': ['director', 'researcher'],
  'GET /api/v1/studies/:id/agreement': ['director', 'researcher'],
  'GET /api/v1/studies/:id/matrix': ['director', 'researcher'],
  'GET /api/v1/studies/:id/matrix/cell': ['director', 'researcher'],
  'GET /api/v1/studies/:id/report': ['director', 'researcher'],
  'GET /api/v1/studies/:id/segments.csv': ['director', 'researcher'],
  'GET /api/v1/studies/:id/export.qdpx': ['director', 'researcher'],
  'GET /api/v1/studies/:id/codebook.qdc': ['director', 'researcher'],
  'POST /api/v1/studies/:id/codebook.qdc': ['researcher'],
  'POST /api/v1/studies/imports': ['researcher'],
  'GET /api/v1/overview': staffWithClients,
  'GET /api/v1/admin/installation': ['administrator'],
  'PUT /api/v1/admin/installation/letter': ['administrator'],
  'POST /api/v1/clients/:id/plans': staffWithClients,
  'POST /api/v1/clients/:id/plans/:planId/versions': staffWithClients,
  'GET /api/v1/clients/:id/plans/:planId/versions': ['director', 'caseworker', 'nurse'],
  'POST /api/v1/clients/:id/checkpoints': staffWithClients,
  'POST /api/v1/clients/:id/pathway-services': staffWithClients,
  'POST /api/v1/clients/:id/pathway-services/:serviceId/steps': staffWithClients,
  'POST /api/v1/clients/:id/progress': staffWithClients,
  'GET /api/v1/pathway/directory': staffWithClients,
  'POST /api/v1/pathway/directory': ['director', 'caseworker'],
  'POST /api/v1/clients/:id/placements': staffWithClients,
  'GET /api/v1/pathway/employers': staffWithClients,
  'POST /api/v1/pathway/employers': ['director', 'caseworker'],
  'GET /api/v1/pathway/distance-travelled': ['director', 'caseworker'],
  'GET /api/v1/pathway/outcomes/:year': ['director'],
  'GET /api/v1/pathway/outcomes/:year/file': ['director'],
};

let ctx: TestContext;
let app: FastifyInstance;
const accounts = {} as Record<Role, TestAccount>;
let clientId: string;
let targetAccountId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const role of roles) accounts[role] = await makeAccount(ctx, role);
  // Every role that can work with clients is on this client's case, so only the route decides.
  clientId = (await makeClient(ctx, accounts.caseworker)).id;
  for (const role of ['nurse', 'coach'] as const)
    await ctx.db.insertInto('client_assignments').values({ client_id: clientId, account_id: accounts[role].id }).execute();
  await shareClient(ctx, { actor: accounts.caseworker.actor, ip: null }, clientId, {
    organisationId: 'riku',
    fieldGroups: ['identity'],
    consent: writtenConsent(),
  });
  targetAccountId = (await makeAccount(ctx, 'coach')).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

function urlOf(pattern: string) {
  return pattern
    .replace(':id', pattern.includes('/admin/accounts/') ? targetAccountId : clientId)
    .replace(':year', '2024')
    .replace(/:(itemId|personId|expertId|guideId|participantId|planId|serviceId)/, '00000000-0000-4000-8000-000000000000')
    .replace(':start', '2024-01-01');
}

async function call(route: string, headers: Record<string, string>) {
  const [method, pattern] = route.split(' ');
  const hasBody = !['GET', 'HEAD'].includes(method);
  const response = await app.inject({
    method: method as 'GET',
    url: urlOf(pattern),
    headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    payload: hasBody ? '{}' : undefined,
  });
  return { status: response.statusCode, code: response.statusCode >= 400 ? response.json().error?.code : undefined };
}

describe('the permission table', () => {
  it('lists every API route, and nothing that is not one', () => {
    const registered = app.apiRoutes
      .filter((route) => route.url !== '/*')
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(table).sort());
  });

  it('every route declares who may call it', () => {
    for (const route of app.apiRoutes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  for (const [route, allowed] of Object.entries(table)) {
    it(`${route}: ${allowed === 'public' ? 'anyone' : allowed === 'any session' ? 'any logged-in account' : allowed.join(', ')}`, async () => {
      const anonymous = await call(route, {});
      if (allowed === 'public') expect(anonymous.status).not.toBe(401);
      else expect(anonymous.status).toBe(401);
      for (const role of roles) {
        const result = await call(route, await sessionFor(ctx, accounts[role].id));
        const permitted = allowed === 'public' || allowed === 'any session' || allowed.includes(role);
        if (permitted)
          expect([401, 403], `${role} should pass ${route} (got ${result.status} ${result.code})`).not.toContain(result.status);
        else expect(result, `${role} must be refused ${route}`).toEqual({ status: 403, code: 'forbidden' });
      }
    });
  }

  it('a refusal is written to the audit log', async () => {
    const denials = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('outcome', '=', 'denied')
      .where('actor_id', '=', accounts.researcher.id)
      .execute();
    expect(denials.map((row) => row.action)).toContain('accounts.manage');
  });
});

describe('the OpenAPI document', () => {
  it('describes every API route with its error shape', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([url, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${url.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const hidden = ['GET /api/v1/openapi.json', 'GET /api/v1/health', 'GET /api/v1/health/ready'];
    expect(documented.sort()).toEqual(
      Object.keys(table)
        .filter((route) => !hidden.includes(route))
        .sort(),
    );
    expect(document.paths['/api/v1/clients/{id}'].get.responses['4XX']).toBeDefined();
  });
});
