import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount, writtenConsent } from '../../../test/support/factories.ts';
import { shareClient } from './service.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;
let clientId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  caseworker = await makeAccount(ctx, 'caseworker');
  clientId = (await makeClient(ctx, caseworker, { name: 'Amina Test', contact: 'Only by Signal', whereabouts: 'Shelter in Kallio' })).id;
  await shareClient(ctx, { actor: caseworker.actor, ip: null }, clientId, {
    organisationId: 'riku',
    fieldGroups: ['identity', 'services'],
    consent: writtenConsent(),
  });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const auditFor = (actorId: string) => ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', actorId).orderBy('seq').execute();

describe('a client record', () => {
  it('the assigned caseworker reads identity and protected whereabouts, and the read is logged with its field groups', async () => {
    const read = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, await sessionFor(ctx, caseworker.id));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      relationship: 'assigned',
      identity: { name: 'Amina Test' },
      contact: { whereabouts: 'Shelter in Kallio' },
    });
    const entry = (await auditFor(caseworker.id)).find((row) => row.action === 'clients.read')!;
    expect(entry).toMatchObject({ client_id: clientId, outcome: 'succeeded', actor_role: 'caseworker' });
    expect(entry.field_groups).toEqual(expect.arrayContaining(['identity', 'contact']));
  });

  it('a partner sees only the field groups shared with their organisation', async () => {
    const partner = await makeAccount(ctx, 'partner', { organisationId: 'riku' });
    const read = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, await sessionFor(ctx, partner.id));
    expect(read.status).toBe(200);
    expect(read.body.readable).toEqual(['identity', 'services']);
    expect(read.body.contact).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain('Kallio');
    const list = await injectJson(app, 'GET', '/api/v1/clients', await sessionFor(ctx, partner.id));
    expect(list.body.map((client: { id: string }) => client.id)).toEqual([clientId]);
  });

  it("a partner cannot reach another organisation's client, and the attempt is logged", async () => {
    const other = await makeAccount(ctx, 'partner', { organisationId: 'monika' });
    const read = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, await sessionFor(ctx, other.id));
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('forbidden');
    expect((await injectJson(app, 'GET', '/api/v1/clients', await sessionFor(ctx, other.id))).body).toEqual([]);
    expect((await auditFor(other.id)).find((row) => row.action === 'clients.read')).toMatchObject({
      outcome: 'denied',
      client_id: clientId,
    });
  });

  it("nothing is shared with a partner without the person's consent on record; ending a share needs none", async () => {
    const session = await sessionFor(ctx, caseworker.id);
    const share = (body: object) => injectJson(app, 'PUT', `/api/v1/clients/${clientId}/shares`, session, body);
    const noConsent = await share({ organisationId: 'monika', fieldGroups: ['identity'] });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.details).toEqual([expect.objectContaining({ field: 'consent' })]);
    const ahead = new Date(Date.now() + 86_400_000).toISOString();
    const futureConsent = await share({ organisationId: 'monika', fieldGroups: ['identity'], consent: { ...writtenConsent(), at: ahead } });
    expect(futureConsent.body.error.details).toEqual([expect.objectContaining({ field: 'consent.at', problem: 'not_in_future' })]);
    const shared = () =>
      ctx.db.selectFrom('client_shares').selectAll().where('client_id', '=', clientId).where('organisation_id', '=', 'monika').execute();
    expect(await shared()).toEqual([]);
    expect(
      (
        await share({
          organisationId: 'monika',
          fieldGroups: ['identity'],
          consent: { givenBy: 'person', method: 'orally', at: new Date().toISOString() },
        })
      ).status,
    ).toBe(204);
    expect(await shared()).toEqual([
      expect.objectContaining({ field_groups: ['identity'], consent_given_by: 'person', consent_method: 'orally' }),
    ]);
    expect((await share({ organisationId: 'monika', fieldGroups: [] })).status).toBe(204);
    expect(await shared()).toEqual([]);
  });

  it('a caseworker outside the case must state a reason, which is logged, and does not see whereabouts', async () => {
    const outsider = await makeAccount(ctx, 'caseworker', { officeId: 'oulu' });
    const headers = await sessionFor(ctx, outsider.id);
    const without = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, { ...headers, 'accept-language': 'en' });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('reason_required');
    const reason = 'Päivystys: asiakas soitti infopuhelimeen';
    const withReason = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, {
      ...headers,
      'x-polku-access-reason': encodeURIComponent(reason),
    });
    expect(withReason.status).toBe(200);
    expect(withReason.body.contact).toBeUndefined();
    const entries = await auditFor(outsider.id);
    expect(entries.find((row) => row.outcome === 'succeeded' && row.action === 'clients.read')?.reason).toBe(reason);
  });

  it('researchers and administrators cannot open a client record at all', async () => {
    for (const role of ['researcher', 'administrator'] as const) {
      const account = await makeAccount(ctx, role);
      const read = await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, await sessionFor(ctx, account.id));
      expect(read.status).toBe(403);
    }
  });

  it('a director sees who has viewed or changed the client and when', async () => {
    const director = await makeAccount(ctx, 'director');
    const log = await injectJson(app, 'GET', `/api/v1/clients/${clientId}/access-log`, await sessionFor(ctx, director.id));
    expect(log.status).toBe(200);
    const actions = log.body.map((entry: { action: string; actorName: string }) => `${entry.action}:${entry.actorName}`);
    expect(actions).toContain('clients.create:Test caseworker');
    expect(actions).toContain('clients.read:Test partner');
    expect(actions).toContain('clients.list:Test partner');
    expect(log.body[0].at).toMatch(/Z$/);
  });

  it("bad input when creating a client is refused with every wrong field in the account's language, and nothing is written", async () => {
    await ctx.db.updateTable('accounts').set({ language: 'sv' }).where('id', '=', caseworker.id).execute();
    const before = await ctx.db.selectFrom('persons').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const bad = await injectJson(
      app,
      'POST',
      '/api/v1/clients',
      { ...(await sessionFor(ctx, caseworker.id)), 'accept-language': 'en' },
      { name: '', gender: 'x', nationality: 'Finland', birthDate: '31.12.1990' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Kontrollera de markerade fälten.');
    expect(bad.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(
      expect.arrayContaining(['name', 'gender', 'nationality', 'birthDate']),
    );
    const after = await ctx.db.selectFrom('persons').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
