import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { clientAccess, listAccess, roles, type Action, type Relationship, type Role } from '../src/core/policy/policy.ts';
import { keepGranted } from '../src/server/fieldGroupFilter.ts';
import { FIELD_GROUP, ITEM_GROUP } from '../src/server/schemaParts.ts';
import { fieldGroups } from '../src/core/policy/policy.ts';
import { createTestContext, type TestContext } from './support/testContext.ts';
import { injectJson, makeAccount, sessionFor, type TestAccount } from './support/factories.ts';

/**
 * What leaves the server: every route's response is walked beside its schema, and every field's
 * group must be one the policy grants that role in that relationship to the record.
 */
let ctx: TestContext;
let app: FastifyInstance;
let document: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>> };
let director: TestAccount;
let caseworker: TestAccount;
let clientId: string;
let referralId: string;
type Schema = Record<string, unknown>;

const now = () => new Date().toISOString();
const referral = {
  source: 'reception_centre',
  person: {
    name: 'Esther Okafor',
    birthDate: '1994-02-03',
    gender: 'female',
    nationality: 'NG',
    languages: ['en'],
    contact: 'Signal +358 40 000 0000',
    whereabouts: 'Shelter at Mannerheimintie 1',
    safePlace: true,
    acuteThreat: false,
  },
  exploitation: { purposes: ['forced_labour'], place: 'finland', sector: 'I', meansOfControl: ['debt_bondage'], recruitment: 'online' },
  residenceStatus: 'asylum_seeker',
  account: 'Kept her passport; worked nights in a kitchen.',
  consent: { given: true, givenBy: 'person', at: now(), method: 'in_writing' },
};
const secrets = ['Signal +358 40 000 0000', 'Mannerheimintie', 'passport; worked nights'];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await app.ready();
  document = app.swagger() as unknown as typeof document;
  director = await makeAccount(ctx, 'director');
  caseworker = await makeAccount(ctx, 'caseworker');
  const created = await injectJson(app, 'POST', '/api/v1/referrals', await sessionFor(ctx, caseworker.id), referral);
  referralId = created.body.id;
  clientId = created.body.personId;
  const decided = await injectJson(app, 'POST', `/api/v1/referrals/${referralId}/decision`, await sessionFor(ctx, director.id), {
    outcome: 'admitted',
    reasons: 'The account shows forced labour in Finland.',
    letterLanguage: 'en',
    officeId: 'helsinki',
    caseworkerIds: [caseworker.id],
    exploitation: { purpose: 'forced_labour', place: 'finland' },
  });
  expect(decided.status).toBe(201);
  await injectJson(app, 'POST', `/api/v1/clients/${clientId}/notes`, await sessionFor(ctx, caseworker.id), {
    sensitivity: 'normal',
    body: 'Met at the office.',
  });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** The JSON schema of a route's success response in the OpenAPI document. */
function successSchema(method: string, url: string, status = '200'): Schema | undefined {
  const path = url.replace(/:(\w+)/g, '{$1}');
  return document.paths[path]?.[method.toLowerCase()]?.responses[status]?.content?.['application/json']?.schema;
}

const everything = new Set<string>(['record', ...fieldGroups]);
/** The field groups a response carries, read from its schema. */
function groupsIn(schema: Schema, body: unknown): Set<string> {
  const seen = new Set<string>();
  keepGranted(schema, body, everything, seen);
  return seen;
}

describe('responses', () => {
  it('every JSON route declares its success response, closed to properties it does not name', () => {
    const open: string[] = [];
    const walk = (schema: unknown, where: string) => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Schema;
      if (
        (node.type === 'object' || node.properties) &&
        node.additionalProperties !== false &&
        typeof node.additionalProperties !== 'object'
      )
        open.push(where);
      for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
    };
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (success.length === 0) missing.push(`${method} ${path}`);
        for (const [status, response] of success) walk(response.content?.['application/json']?.schema, `${method} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    expect(open).toEqual([]);
  });

  it('every field of a response about clients names its field group, or sits inside a part that does', () => {
    const unnamed: string[] = [];
    const walk = (schema: Schema, where: string, named: boolean) => {
      const here = named || FIELD_GROUP in schema || ITEM_GROUP in schema;
      const properties = schema.properties as Record<string, Schema> | undefined;
      const items = schema.items as Schema | undefined;
      const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
      if (properties) for (const [key, value] of Object.entries(properties)) walk(value, `${where}.${key}`, here);
      else if (items) walk(items, `${where}[]`, here);
      else if (branches) branches.forEach((branch) => walk(branch, where, here));
      else if (!here) unnamed.push(where);
    };
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.responses['200']?.content?.['application/json']?.schema;
        if (schema && JSON.stringify(schema).includes(FIELD_GROUP)) walk(schema, `${method} ${path}`, false);
      }
    }
    expect(unnamed).toEqual([]);
  });
});

describe('what leaves for each role and relationship', () => {
  const relationships: Relationship[] = ['assigned', 'shared', 'office', 'none'];
  const reason = { 'x-polku-access-reason': encodeURIComponent('Checking a duplicate referral') };

  /** An account of the role standing in the relationship to the client, and the groups the policy grants it. */
  async function standing(role: Role, relationship: Relationship) {
    const officeId = relationship === 'office' ? 'helsinki' : 'oulu';
    const account = await makeAccount(ctx, role, role === 'partner' || role === 'coach' ? {} : { officeId });
    const shared = ['identity', 'services'];
    if (relationship === 'assigned')
      await ctx.db.insertInto('client_assignments').values({ client_id: clientId, account_id: account.id }).execute();
    await ctx.db.deleteFrom('client_shares').where('client_id', '=', clientId).execute();
    if (relationship === 'shared') {
      if (account.actor.organisationId)
        await ctx.db
          .insertInto('client_shares')
          .values({ client_id: clientId, organisation_id: account.actor.organisationId, field_groups: shared })
          .execute();
    }
    if (relationship === 'office') await ctx.db.updateTable('persons').set({ office_id: 'helsinki' }).where('id', '=', clientId).execute();
    return { account, granted: new Set(['record', ...clientAccess(account.actor, relationship, shared).read]) };
  }

  const recordRoutes = ['GET /api/v1/clients/:id', 'GET /api/v1/referrals/:id', 'GET /api/v1/referrals/:id/decision-letter'];
  for (const route of recordRoutes) {
    for (const role of roles) {
      it(`${route}: a ${role} gets only the field groups granted in each relationship`, async () => {
        const [method, pattern] = route.split(' ');
        const url = pattern.replace(':id', pattern.includes('referrals') ? referralId : clientId);
        for (const relationship of relationships) {
          const { account, granted } = await standing(role, relationship);
          for (const headers of [{}, reason]) {
            const response = await injectJson(app, method, url, { ...(await sessionFor(ctx, account.id)), ...headers });
            if (response.status !== 200) {
              expect([403], `${role} ${relationship}: ${JSON.stringify(response.body)}`).toContain(response.status);
              continue;
            }
            const carried = groupsIn(successSchema(method, pattern)!, response.body);
            expect(
              [...carried].filter((group) => !granted.has(group)),
              `${role} ${relationship} ${JSON.stringify(headers)}`,
            ).toEqual([]);
            if (!granted.has('contact'))
              for (const secret of secrets.slice(0, 2))
                expect(response.body === null ? '' : JSON.stringify(response.body)).not.toContain(secret);
          }
        }
      });
    }
  }

  const listRoutes: Array<[string, Action]> = [
    ['/api/v1/clients', 'clients.list'],
    ['/api/v1/referrals/queue', 'referrals.queue'],
    ['/api/v1/referrals/sent', 'referrals.sent'],
    ['/api/v1/reflection-periods/ending', 'reflection.overview'],
    ['/api/v1/identification/queue', 'identification.queue'],
    ['/api/v1/me/tasks', 'tasks.mine'],
    ['/api/v1/coaching/participants', 'coaching.participants'],
    ['/api/v1/coaching/tasks', 'coaching.tasks'],
  ];
  it('covers every list of clients in the API', () => {
    const lists = app.apiRoutes.filter(
      (route) =>
        route.method === 'GET' && !route.url.includes(':') && JSON.stringify(successSchema('GET', route.url) ?? {}).includes(FIELD_GROUP),
    );
    expect(lists.map((route) => route.url).sort()).toEqual(listRoutes.map(([url]) => url).sort());
  });
  for (const [url, action] of listRoutes) {
    it(`GET ${url}: each role gets only the list's field groups`, async () => {
      for (const role of roles) {
        const account = role === 'caseworker' ? caseworker : await makeAccount(ctx, role);
        const response = await injectJson(app, 'GET', url, await sessionFor(ctx, account.id));
        if (response.status !== 200) continue;
        const allowed = new Set(['record', ...listAccess(account.actor, action)]);
        expect(
          [...groupsIn(successSchema('GET', url)!, response.body)].filter((group) => !allowed.has(group)),
          role,
        ).toEqual([]);
      }
    });
  }
});

describe('a referral of a person with a record is part of the record', () => {
  it('a caseworker outside the case must state a reason, and then gets no contact details or whereabouts', async () => {
    const outsider = await makeAccount(ctx, 'caseworker', { officeId: 'oulu' });
    const headers = await sessionFor(ctx, outsider.id);
    for (const url of [`/api/v1/referrals/${referralId}`, `/api/v1/referrals/${referralId}/decision-letter`]) {
      const refused = await injectJson(app, 'GET', url, headers);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('reason_required');
    }
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${referralId}`, {
      ...headers,
      'x-polku-access-reason': encodeURIComponent('Same person referred again?'),
    });
    expect(read.status).toBe(200);
    expect(read.body.person.name).toBe('Esther Okafor');
    expect(read.body.person.contact).toBeUndefined();
    expect(read.body.person.whereabouts).toBeUndefined();
    expect(read.body.replyChannel).toBeUndefined();
    const entries = await ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', outsider.id).orderBy('seq').execute();
    expect(entries.map((entry) => [entry.action, entry.outcome, entry.client_id])).toEqual([
      ['referrals.read', 'denied', clientId],
      ['referrals.letter', 'denied', clientId],
      ['referrals.read', 'succeeded', clientId],
    ]);
    expect(entries.at(-1)!.reason).toBe('Same person referred again?');
    expect(entries.at(-1)!.field_groups).not.toContain('contact');
  });

  it('the caseworker on the case reads the whole referral without a reason', async () => {
    const read = await injectJson(app, 'GET', `/api/v1/referrals/${referralId}`, await sessionFor(ctx, caseworker.id));
    expect(read.status).toBe(200);
    expect(read.body.person.contact).toBe('Signal +358 40 000 0000');
    expect(read.body.account).toContain('passport');
  });

  it('a reason that is not valid percent-encoding is a clear 400, not a failure', async () => {
    const outsider = await makeAccount(ctx, 'caseworker', { officeId: 'oulu' });
    const read = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, {
      ...(await sessionFor(ctx, outsider.id)),
      'x-polku-access-reason': '%E0%A4%A',
      'accept-language': 'en',
    });
    expect(read.status).toBe(400);
    expect(read.body.error.code).toBe('validation_failed');
    expect(read.body.error.details).toEqual([expect.objectContaining({ field: 'x-polku-access-reason', problem: 'percent_encoding' })]);
  });
});

describe('refusals in the audit log', () => {
  it("a refusal on a route about one client is logged with the client's id and shows in their access log", async () => {
    const researcher = await makeAccount(ctx, 'researcher');
    for (const url of [`/api/v1/clients/${clientId}`, `/api/v1/referrals/${referralId}`]) {
      expect((await injectJson(app, 'GET', url, await sessionFor(ctx, researcher.id))).status).toBe(403);
    }
    const denied = await ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', researcher.id).execute();
    expect(denied.map((entry) => [entry.outcome, entry.client_id])).toEqual([
      ['denied', clientId],
      ['denied', clientId],
    ]);
    const log = await injectJson(app, 'GET', `/api/v1/clients/${clientId}/access-log`, await sessionFor(ctx, director.id));
    const seq = denied.map((entry) => entry.seq);
    expect(
      log.body.filter((entry: { actorRole: string; outcome: string }) => entry.actorRole === 'researcher' && entry.outcome === 'denied')
        .length,
    ).toBeGreaterThanOrEqual(seq.length);
  });

  it('an unknown address is a 404 and writes nothing', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 5; i++)
      expect((await injectJson(app, 'GET', `/api/v1/no-such-thing/${i}`, await sessionFor(ctx, caseworker.id))).status).toBe(404);
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the same refusal repeated is written once, and its repeats are counted in one more entry', async () => {
    const researcher = await makeAccount(ctx, 'researcher');
    const headers = await sessionFor(ctx, researcher.id);
    for (let i = 0; i < 20; i++) expect((await injectJson(app, 'GET', '/api/v1/admin/accounts', headers)).status).toBe(403);
    const entries = () => ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', researcher.id).orderBy('seq').execute();
    expect(await entries()).toHaveLength(1);
    const { refusalLog } = await import('../src/core/audit/refusals.ts');
    await refusalLog(ctx.db, ctx.keyring.auditKey).flush(true);
    const written = await entries();
    expect(written).toHaveLength(2);
    expect(written[1].details).toMatchObject({ repeats: 19 });
  });
});
