import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, makeClient, sessionFor, type TestAccount, writtenConsent } from '../../../test/support/factories.ts';
import { shareClient } from '../clients/service.ts';
import { newestFirst } from '../clients/recordParts.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let caseworker: TestAccount;
let partner: TestAccount;
let clientId: string;
const today = helsinkiDate();
const as = async (account: { id: string }) => sessionFor(ctx, account.id);
const send = async (account: { id: string }, method: string, path: string, body?: unknown) =>
  injectJson(app, method, `/api/v1/clients/${clientId}${path}`, await as(account), body);
const record = async (account: { id: string }) => (await send(account, 'GET', '')).body;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, caseworker, partner] = await makeAccounts(ctx, 'director', 'caseworker', 'partner');
  clientId = (await makeClient(ctx, caseworker, { name: 'Ended Case' })).id;
  await shareClient(ctx, { actor: caseworker.actor, ip: null }, clientId, {
    organisationId: 'riku',
    fieldGroups: ['identity', 'services', 'notes'],
    consent: writtenConsent(),
  });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('services', () => {
  it('may be planned for a day ahead, but a service given cannot be dated in the future nor end while planned', async () => {
    const planned = await send(caseworker, 'POST', '/services', {
      service: 'health_services',
      requestedOn: today,
      arrangedOn: addDays(today, 14),
    });
    expect(planned.status).toBe(201);
    const requestedAhead = await send(caseworker, 'POST', '/services', { service: 'health_services', requestedOn: addDays(today, 1) });
    expect(requestedAhead.body.error.details).toEqual([expect.objectContaining({ field: 'requestedOn', problem: 'not_in_future' })]);
    const endedAhead = await send(caseworker, 'POST', '/services', {
      service: 'legal_aid',
      requestedOn: addDays(today, -3),
      arrangedOn: addDays(today, -2),
      endedOn: addDays(today, 2),
    });
    expect(endedAhead.body.error.details).toEqual([expect.objectContaining({ field: 'endedOn', problem: 'not_in_future' })]);
    const endedWhilePlanned = await send(caseworker, 'PATCH', `/services/${planned.body.id}`, { endedOn: today });
    expect(endedWhilePlanned.status).toBe(400);
    expect(endedWhilePlanned.body.error.details).toEqual([expect.objectContaining({ field: 'endedOn', problem: 'service_still_planned' })]);
    expect((await record(caseworker)).services).toEqual([
      expect.objectContaining({ service: 'health_services', arrangedOn: addDays(today, 14), endedOn: null }),
    ]);
  });
});

describe('the timeline', () => {
  it('puts an event known only by its day below the timed events of its day and of later days', () => {
    const events = [
      { at: '2026-03-04', dateOnly: true },
      { at: '2026-03-04T10:00:00.000Z', dateOnly: false },
      { at: '2026-03-05T06:00:00.000Z', dateOnly: false },
      { at: '2026-03-03T21:30:00.000Z', dateOnly: false }, // 23.30 on the 3rd in Helsinki
      { at: '2026-03-03T22:30:00.000Z', dateOnly: false }, // 00.30 on the 4th in Helsinki
      { at: '2026-03-05', dateOnly: true },
    ];
    expect(events.sort(newestFirst).map((event) => event.at)).toEqual([
      '2026-03-05T06:00:00.000Z',
      '2026-03-05',
      '2026-03-04T10:00:00.000Z',
      '2026-03-03T22:30:00.000Z',
      '2026-03-04',
      '2026-03-03T21:30:00.000Z',
    ]);
  });

  it('gives days as days in the record, sorted among the timed events', async () => {
    expect((await send(caseworker, 'POST', '/residence', { status: 'unlawful_stay', at: today })).status).toBe(204);
    expect((await send(caseworker, 'POST', '/notes', { sensitivity: 'normal', body: 'Met today.' })).status).toBe(201);
    const timeline = (await record(caseworker)).timeline as Array<{ at: string; dateOnly: boolean; kind: string }>;
    expect(timeline.find((event) => event.kind === 'residence')).toEqual(expect.objectContaining({ at: today, dateOnly: true }));
    const kinds = timeline.map((event) => event.kind);
    // The note was written today at a time; the residence status and the service are known only by today's day.
    expect(kinds.indexOf('note')).toBeLessThan(kinds.indexOf('residence'));
    expect(timeline.find((event) => event.kind === 'note')).toEqual(expect.objectContaining({ dateOnly: false }));
  });
});

describe('ending assistance', () => {
  it('closes what the confirmation names, in the same audited change', async () => {
    expect(
      (
        await send(caseworker, 'POST', '/reflection-periods', {
          grantedBy: 'assistance_system',
          start: addDays(today, -5),
          end: addDays(today, 60),
        })
      ).status,
    ).toBe(204);
    expect((await send(caseworker, 'POST', '/identification')).status).toBe(204);
    const task = await send(caseworker, 'POST', '/tasks', { title: 'Call the lawyer', dueOn: addDays(today, 3) });
    expect(task.status).toBe(201);
    expect((await record(caseworker)).status).toBe('client');

    expect((await send(caseworker, 'POST', '/termination', { reason: 'no_longer_needed' })).status).toBe(204);

    const seen = await record(caseworker);
    expect(seen.status).toBe('ended');
    expect(seen.reflectionPeriods[0]).toMatchObject({ interruptedOn: today });
    expect(seen.identifications[0].decidedAt).not.toBeNull();
    expect(seen.identifications[0].outcome).toBeNull();
    expect(seen.tasks[0].doneAt).not.toBeNull();
    expect(seen.timeline.map((event: { kind: string }) => event.kind)).toContain('identification_closed');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'clients.terminate')
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({
      reason: 'no_longer_needed',
      reflectionInterrupted: [addDays(today, -5)],
      identificationClosed: true,
      tasksClosed: [task.body.id],
    });
  });

  it('leaves the record read-only but for notes, tasks and documents of the follow-up, by the assistance system', async () => {
    const seen = await record(caseworker);
    expect(seen.writable.sort()).toEqual(['documents', 'notes']);
    expect((await record(partner)).writable).toEqual([]);
    const refused = [
      await send(caseworker, 'POST', '/services', { service: 'health_services', requestedOn: today }),
      await send(partner, 'POST', '/services', { service: 'health_services', requestedOn: today }),
      await send(partner, 'POST', '/notes', { sensitivity: 'normal', body: 'From the partner' }),
      await send(caseworker, 'POST', '/reflection-periods', { grantedBy: 'assistance_system', start: today, end: addDays(today, 30) }),
      await send(caseworker, 'POST', '/residence', { status: 'residence_permit', at: today }),
      await send(caseworker, 'POST', '/identification'),
      await send(caseworker, 'PUT', '/exploitation', [{ purpose: 'forced_labour', place: 'finland', main: true, minorAtTime: false }]),
      await send(director, 'POST', '/termination', { reason: 'no_longer_needed' }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('case_ended');
      expect(response.body.error.message).not.toBe('case_ended');
    }
    expect((await record(caseworker)).services).toHaveLength(1);
    expect((await send(caseworker, 'POST', '/notes', { sensitivity: 'normal', body: 'Follow-up call.' })).status).toBe(201);
    const task = await send(caseworker, 'POST', '/tasks', { title: 'Follow up in a month', dueOn: addDays(today, 30) });
    expect(task.status).toBe(201);
    expect((await send(caseworker, 'PUT', `/tasks/${task.body.id}/done`, { done: true })).status).toBe(204);
  });

  it('shares nothing more: a share can narrow or end, never widen nor reach a new partner', async () => {
    const share = (organisationId: string, fieldGroups: string[]) =>
      send(caseworker, 'PUT', '/shares', { organisationId, fieldGroups, consent: writtenConsent() });
    for (const widened of [await share('riku', ['identity', 'services', 'notes', 'health']), await share('monika', ['identity'])]) {
      expect(widened.status).toBe(409);
      expect(widened.body.error).toMatchObject({
        code: 'case_ended_no_sharing',
        message: expect.stringContaining('Jakoa voi vain supistaa'),
      });
    }
    expect((await share('riku', ['identity', 'services'])).status).toBe(204);
    const shares = await ctx.db
      .selectFrom('client_shares')
      .select(['organisation_id', 'field_groups'])
      .where('client_id', '=', clientId)
      .execute();
    expect(shares).toEqual([{ organisation_id: 'riku', field_groups: ['identity', 'services'] }]);
  });

  it('is reopened by a director with a reason, audited and on the timeline; no one else may', async () => {
    expect((await send(caseworker, 'POST', '/reopening', { reason: 'Needs support again' })).status).toBe(403);
    const blank = await send(director, 'POST', '/reopening', { reason: '   ' });
    expect(blank.status).toBe(400);
    expect((await record(director)).status).toBe('ended');

    expect((await send(director, 'POST', '/reopening', { reason: 'Needs support again' })).status).toBe(204);
    const seen = await record(caseworker);
    expect(seen.status).toBe('client');
    expect(seen.reopenings).toEqual([expect.objectContaining({ reason: 'Needs support again', by: expect.any(String) })]);
    expect(seen.timeline[0]).toMatchObject({ kind: 'reopening' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'field_groups'])
      .where('action', '=', 'clients.reopen')
      .where('client_id', '=', clientId)
      .where('outcome', '=', 'succeeded')
      .execute();
    expect(audit).toEqual([{ actor_id: director.id, field_groups: ['case'] }]);
    const stored = await ctx.db.selectFrom('reopenings').select('reason').executeTakeFirstOrThrow();
    expect(stored.reason).not.toContain('support');

    expect((await send(director, 'POST', '/reopening', { reason: 'Again' })).body.error.code).toBe('case_not_ended');
    expect((await send(partner, 'POST', '/services', { service: 'health_services', requestedOn: today })).status).toBe(201);
    expect((await send(caseworker, 'POST', '/termination', { reason: 'no_longer_needed' })).status).toBe(204);
    expect((await record(caseworker)).status).toBe('ended');
  });
});
