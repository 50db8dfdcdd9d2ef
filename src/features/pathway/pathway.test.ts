import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { shareClient } from '../clients/service.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount, writtenConsent } from '../../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;
let nurse: TestAccount;
let coach: TestAccount;
let municipal: TestAccount;
let monika: TestAccount;
let riku: TestAccount;
let clientId: string;
let planId: string;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);
const record = async (account: { id: string }) => (await injectJson(app, 'GET', `/api/v1/clients/${clientId}`, await as(account))).body;
const auditFor = (actorId: string) => ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', actorId).orderBy('seq').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  caseworker = await makeAccount(ctx, 'caseworker');
  nurse = await makeAccount(ctx, 'nurse');
  coach = await makeAccount(ctx, 'coach');
  municipal = await makeAccount(ctx, 'partner', { organisationId: 'helsinki-social' });
  monika = await makeAccount(ctx, 'partner', { organisationId: 'monika' });
  riku = await makeAccount(ctx, 'partner', { organisationId: 'riku' });
  clientId = (await makeClient(ctx, caseworker)).id;
  for (const account of [nurse, coach])
    await ctx.db.insertInto('client_assignments').values({ client_id: clientId, account_id: account.id }).execute();
  const who = { actor: caseworker.actor, ip: null };
  for (const organisation of ['helsinki-social', 'monika', 'riku'])
    await shareClient(ctx, who, clientId, {
      organisationId: organisation,
      fieldGroups: ['identity', 'services'],
      consent: writtenConsent(),
    });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const plan = (overrides: Record<string, unknown> = {}) => ({
  kind: 'client',
  drawnBy: 'Helsingin kaupunki, sosiaalityö',
  drawnWith: 'The client, with an interpreter; the assistance system',
  drawnOn: '2026-09-01',
  nextReviewOn: '2027-03-01',
  goals: [
    { text: 'I want to work in a kitchen', source: 'client', status: 'active', setOn: '2026-09-01' },
    { text: 'Finnish course', source: 'worker', status: 'on_hold', holdReason: 'therapy first', setOn: '2026-09-01' },
  ],
  partners: [{ organisationId: 'helsinki-social', consentOn: '2026-09-01' }],
  ...overrides,
});

describe('plans', () => {
  it('are drawn by the caseworker and revised by the municipal social worker named on them, each change a new version', async () => {
    const created = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans`, await as(caseworker), plan());
    expect(created.status).toBe(201);
    planId = created.body.id;
    const first = (await record(municipal)).pathwayPlans[0];
    expect(first).toMatchObject({ id: planId, kind: 'client', version: 1, versions: 1 });
    const goals = first.goals.map((goal: Record<string, unknown>) =>
      goal.source === 'worker' ? { ...goal, status: 'active', holdReason: null, statusOn: '2026-11-01' } : goal,
    );
    goals.push({ text: 'Work try-out in the spring', source: 'municipality_plan', status: 'active', setOn: '2026-11-01' });
    const revised = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans/${planId}/versions`, await as(municipal), {
      ...plan({ drawnOn: '2026-11-01', goals }),
      kind: undefined,
    });
    expect(revised).toMatchObject({ status: 201, body: { version: 2 } });
    const versions = await injectJson(app, 'GET', `/api/v1/clients/${clientId}/plans/${planId}/versions`, await as(caseworker));
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    expect(versions.body.versions[1].goals[1]).toMatchObject({ status: 'on_hold', holdReason: 'therapy first' });
    expect(versions.body.versions[0].goals).toHaveLength(3);
    expect(versions.body.versions[0].goals[1]).toMatchObject({ id: first.goals[1].id, status: 'active' });
    const tasks = await ctx.db.selectFrom('client_tasks').select(['due_on', 'assignee_id']).where('person_id', '=', clientId).execute();
    expect(tasks).toContainEqual({ due_on: '2027-03-01', assignee_id: caseworker.id });
  });

  it('are not seen or revised by a partner the plan does not name, though the record is shared with them', async () => {
    expect((await record(riku)).pathwayPlans).toEqual([]);
    expect((await injectJson(app, 'GET', `/api/v1/clients/${clientId}/plans/${planId}/versions`, await as(riku))).status).toBe(404);
    const revised = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans/${planId}/versions`, await as(riku), {
      ...plan({ partners: [{ organisationId: 'riku', consentOn: '2026-09-01' }] }),
      kind: undefined,
    });
    expect(revised.status).toBe(404);
    const created = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans`, await as(riku), plan());
    expect(created).toMatchObject({ status: 403, body: { error: { code: 'pathway_not_plan_partner' } } });
  });

  it('refuse a goal on hold without a reason, in the account language, and change nothing', async () => {
    const before = await ctx.db.selectFrom('pathway_plan_versions').select('id').execute();
    const bad = plan({ goals: [{ text: 'Finnish course', source: 'worker', status: 'on_hold', setOn: '2026-09-01' }] });
    const response = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans`, await as(caseworker), bad);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'pathway_goal_hold_reason', message: expect.stringContaining('ensin terapia') });
    expect(await ctx.db.selectFrom('pathway_plan_versions').select('id').execute()).toHaveLength(before.length);
    const unknown = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/plans`, await as(caseworker), { ...plan(), kind: 'wish' });
    expect(unknown.status).toBe(400);
  });
});

describe('checkpoints', () => {
  it('keep the clinical content of mental state to the health group: the municipal social worker sees only not yet', async () => {
    const mental = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/checkpoints`, await as(nurse), {
      kind: 'mental_state',
      assessedOn: '2026-10-01',
      assessor: 'Terveydenhoitaja',
      level: 'not_yet',
      clinicalNote: 'Sleeps badly, flashbacks; therapy started',
    });
    expect(mental.status).toBe(201);
    const teacher = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/checkpoints`, await as(caseworker), {
      kind: 'language',
      assessedOn: '2026-10-15',
      assessor: 'Finnish teacher, Helsinki adult education centre',
      level: 'A1',
      language: 'fi',
      skills: { listening: 'A2', speaking: 'A1', reading: 'A1', writing: 'A0' },
      source: 'teacher',
    });
    expect(teacher.status).toBe(201);
    const byCaseworker = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/checkpoints`, await as(caseworker), {
      kind: 'mental_state',
      assessedOn: '2026-10-01',
      assessor: 'Caseworker',
      level: 'ready',
    });
    expect(byCaseworker.status).toBe(403);
    const seen = await record(municipal);
    expect(seen.pathwayCheckpoints.map((checkpoint: { kind: string; level: string }) => [checkpoint.kind, checkpoint.level])).toEqual([
      ['language', 'A1'],
      ['mental_state', 'not_yet'],
    ]);
    expect(seen.pathwayClinicalNotes).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('flashbacks');
    expect((await record(nurse)).pathwayClinicalNotes[0].note).toContain('flashbacks');
    const sealed = await ctx.db
      .selectFrom('pathway_checkpoints')
      .select('clinical_note')
      .where('kind', '=', 'mental_state')
      .executeTakeFirst();
    expect(sealed?.clinical_note).not.toContain('flashbacks');
  });

  it('refuse a level that does not fit, and skills on anything but language', async () => {
    const wrong = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/checkpoints`, await as(caseworker), {
      kind: 'literacy',
      assessedOn: '2026-10-01',
      assessor: 'Teacher',
      level: 'B2',
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'pathway_checkpoint_level' } } });
    const skills = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/checkpoints`, await as(caseworker), {
      kind: 'literacy',
      assessedOn: '2026-10-01',
      assessor: 'Teacher',
      level: 'latin_alphabet',
      skills: { reading: 'A1' },
    });
    expect(skills).toMatchObject({ status: 400, body: { error: { code: 'pathway_language_only' } } });
  });
});

describe('progress', () => {
  it('is read with the client by the coach, who sees it but no checkpoint or clinical note; the next reading is a reminder', async () => {
    const first = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/progress`, await as(coach), {
      readOn: '2026-09-10',
      scores: { work_skills: 2, language: 1, confidence: 3 },
    });
    expect(first.status).toBe(201);
    const seen = await record(coach);
    expect(seen.pathwayProgress).toHaveLength(1);
    expect(seen.pathwayProgress[0].scores).toEqual({ work_skills: 2, language: 1, confidence: 3 });
    expect(seen.pathwayCheckpoints).toBeUndefined();
    expect(seen.pathwayClinicalNotes).toBeUndefined();
    expect(seen.pathwayPlans).toBeUndefined();
    const tasks = await ctx.db.selectFrom('client_tasks').select('due_on').where('assignee_id', '=', coach.id).execute();
    expect(tasks).toEqual([{ due_on: '2026-12-10' }]);
    const outOfScale = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/progress`, await as(coach), {
      readOn: '2026-12-10',
      scores: { work_skills: 11 },
    });
    expect(outOfScale.status).toBe(400);
    expect((await record(riku)).pathwayProgress).toBeUndefined();
  });
});

describe('pathway services', () => {
  it('are referred to the provider with consent; only the provider sees and steps them, to completion', async () => {
    const entry = await injectJson(app, 'POST', '/api/v1/pathway/directory', await as(caseworker), {
      organisationId: 'monika',
      service: 'mentoring',
      name: 'Mentoring and job search for immigrant women',
      region: 'Helsinki, Vantaa',
      languages: ['fi', 'en', 'ar'],
      howToRefer: 'Call the project coordinator; the person may also come herself.',
    });
    expect(entry.status).toBe(201);
    const proposed = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/pathway-services`, await as(caseworker), {
      directoryId: entry.body.id,
      proposedOn: '2026-10-20',
    });
    expect(proposed.status).toBe(201);
    const steps = `/api/v1/clients/${clientId}/pathway-services/${proposed.body.id}/steps`;
    expect((await record(monika)).pathwayServices).toEqual([]);
    const noConsent = await injectJson(app, 'POST', steps, await as(caseworker), { status: 'referred', on: '2026-10-21' });
    expect(noConsent).toMatchObject({ status: 400, body: { error: { code: 'pathway_referral_needs_consent' } } });
    const referred = await injectJson(app, 'POST', steps, await as(caseworker), {
      status: 'referred',
      on: '2026-10-21',
      consentOn: '2026-10-21',
      sharedWithProvider: 'Name and phone; wants to work in a kitchen',
    });
    expect(referred.status).toBe(204);
    expect((await record(riku)).pathwayServices).toEqual([]);
    expect((await injectJson(app, 'POST', steps, await as(riku), { status: 'started', on: '2026-11-01' })).status).toBe(404);
    expect((await record(monika)).pathwayServices[0]).toMatchObject({
      status: 'referred',
      sharedWithProvider: expect.stringContaining('kitchen'),
    });
    expect((await injectJson(app, 'POST', steps, await as(monika), { status: 'started', on: '2026-11-01' })).status).toBe(204);
    const early = await injectJson(app, 'POST', steps, await as(monika), { status: 'completed', on: '2026-10-01' });
    expect(early).toMatchObject({ status: 400, body: { error: { code: 'pathway_step_before_earlier' } } });
    expect((await injectJson(app, 'POST', steps, await as(monika), { status: 'completed', on: '2027-01-31' })).status).toBe(204);
    expect((await record(caseworker)).pathwayServices[0]).toMatchObject({
      status: 'completed',
      startedOn: '2026-11-01',
      endedOn: '2027-01-31',
    });
    const again = await injectJson(app, 'POST', steps, await as(monika), { status: 'dropped', on: '2027-02-01', dropReason: 'moved' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'pathway_service_step' } } });
  });
});

describe('every read', () => {
  it('is audited: the record with its pathway parts, and a plan version history', async () => {
    await record(municipal);
    await injectJson(app, 'GET', `/api/v1/clients/${clientId}/plans/${planId}/versions`, await as(municipal));
    const entries = await auditFor(municipal.id);
    const reads = entries.filter((entry) => entry.action === 'clients.read' || entry.action === 'pathway.plans.versions');
    expect(reads.map((entry) => entry.action).slice(-2)).toEqual(['clients.read', 'pathway.plans.versions']);
    expect(reads.every((entry) => entry.client_id === clientId && entry.outcome === 'succeeded')).toBe(true);
  });
});

describe('safe work', () => {
  it('warns of an unmet fair-work check and makes it a task; a period ending before it starts changes nothing', async () => {
    const employer = await injectJson(app, 'POST', '/api/v1/pathway/employers', await as(caseworker), {
      name: 'Ravintola Esimerkki Oy',
      engagement: ['training', 'placements'],
      contactPersons: 'HR: Maija Meikäläinen',
    });
    expect(employer.status).toBe(201);
    expect(
      (
        await injectJson(app, 'POST', '/api/v1/pathway/employers', await as(municipal), {
          name: 'X',
          engagement: ['training'],
          contactPersons: 'Y',
        })
      ).status,
    ).toBe(403);
    const checks = {
      written_contract: true,
      minimum_wage: false,
      hours_and_overtime: true,
      own_documents_and_account: true,
      no_fee_or_debt: false,
      employer_not_tied: true,
    };
    const placement = { employerId: employer.body.id, kind: 'work_tryout', startsOn: '2026-11-01', checkedOn: '2026-10-28', checks };
    const tasksBefore = await ctx.db.selectFrom('client_tasks').select('id').where('person_id', '=', clientId).execute();
    const backwards = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/placements`, await as(caseworker), {
      ...placement,
      endsOn: '2026-10-01',
    });
    expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'pathway_placement_dates' } } });
    const unanswered = await injectJson(app, 'POST', `/api/v1/clients/${clientId}/placements`, await as(caseworker), {
      ...placement,
      checks: { written_contract: true },
    });
    expect(unanswered.status).toBe(400);
    expect(await ctx.db.selectFrom('pathway_placements').select('id').execute()).toHaveLength(0);
    expect(await ctx.db.selectFrom('client_tasks').select('id').where('person_id', '=', clientId).execute()).toHaveLength(
      tasksBefore.length,
    );

    expect((await injectJson(app, 'POST', `/api/v1/clients/${clientId}/placements`, await as(caseworker), placement)).status).toBe(201);
    expect((await record(municipal)).pathwayPlacements[0]).toMatchObject({
      employerName: 'Ravintola Esimerkki Oy',
      unmet: ['minimum_wage', 'no_fee_or_debt'],
    });
    const tasks = await ctx.db.selectFrom('client_tasks').select('id').where('person_id', '=', clientId).execute();
    expect(tasks).toHaveLength(tasksBefore.length + 1);
    expect((await record(coach)).pathwayPlacements).toBeUndefined();
  });
});

describe('distance travelled', () => {
  it('averages first and latest readings over the reader clients and states who is left out and why', async () => {
    const far = (await makeClient(ctx, caseworker, { name: 'Far Apart' })).id;
    const near = (await makeClient(ctx, caseworker, { name: 'Close Together' })).id;
    const read = async (id: string, readOn: string, scores: Record<string, number>) =>
      injectJson(app, 'POST', `/api/v1/clients/${id}/progress`, await as(caseworker), { readOn, scores });
    expect((await read(far, '2026-01-10', { work_skills: 2, confidence: 3 })).status).toBe(201);
    expect((await read(far, '2026-06-10', { work_skills: 6, confidence: 4 })).status).toBe(201);
    expect((await read(near, '2026-06-01', { work_skills: 1 })).status).toBe(201);
    expect((await read(near, '2026-06-11', { work_skills: 9 })).status).toBe(201);
    const report = await injectJson(app, 'GET', '/api/v1/pathway/distance-travelled', await as(caseworker));
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ clients: 3, included: 1, excluded: { fewerThanTwo: 1, tooClose: 1 }, minDaysBetween: 60 });
    expect(report.body.areas.find((area: { area: string }) => area.area === 'work_skills')).toEqual({
      area: 'work_skills',
      clients: 1,
      first: 2,
      latest: 6,
      change: 4,
    });
    expect((await injectJson(app, 'GET', '/api/v1/pathway/distance-travelled', await as(coach))).status).toBe(403);
    const audit = (await auditFor(caseworker.id)).filter((entry) => entry.action === 'pathway.reports');
    expect(audit.at(-1)?.details).toEqual({ clients: expect.arrayContaining([clientId, far, near]) });
  });
});
