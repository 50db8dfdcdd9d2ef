import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeAccounts, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { addDays, addMonths } from '../../core/dates.ts';
import { installDemo } from '../demo/index.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let coach: TestAccount;
let otherCoach: TestAccount;
let partner: TestAccount;
let otherPartner: TestAccount;
let nurse: TestAccount;
let caseworker: TestAccount;
const as = async (account: { id: string }, language = 'en') => ({ ...(await sessionFor(ctx, account.id)), 'accept-language': language });

let groupId: string;
let otherGroupId: string;
let sessions: Array<{ id: string; day: string }>;

const person = (overrides: Record<string, unknown> = {}) => ({
  name: 'Amina Testi',
  gender: 'female',
  languages: [{ code: 'en', level: 'good' }],
  scripts: ['latin'],
  consent: { takesPart: true, givenOn: '2026-02-20', sharedWith: ['riku'] },
  ...overrides,
});
const newPerson = async (overrides: Record<string, unknown> = {}, by: TestAccount = coach) => {
  const made = await injectJson(app, 'POST', '/api/v1/coaching/participants', await as(by), person(overrides));
  expect(made.status).toBe(201);
  return made.body.id as string;
};
const enrol = async (group: string, participantId: string, enrolledOn = '2026-03-02', by: TestAccount = coach, language = 'en') =>
  injectJson(app, 'POST', `/api/v1/coaching/groups/${group}/enrolments`, await as(by, language), { participantId, enrolledOn });
const mark = async (group: string, sessionId: string, marks: Array<{ participantId: string; mark: string }>) =>
  injectJson(app, 'PUT', `/api/v1/coaching/groups/${group}/sessions/${sessionId}/attendance`, await as(coach), { marks });
const audits = (action: string) =>
  ctx.db.selectFrom('audit_log').select(['actor_id', 'details', 'field_groups']).where('action', '=', action).execute();

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, coach, otherCoach, partner, nurse, caseworker] = await makeAccounts(
    ctx,
    'director',
    'coach',
    'coach',
    'partner',
    'nurse',
    'caseworker',
  );
  otherPartner = await makeAccount(ctx, 'partner', { organisationId: 'monika' });
  const group = {
    programmeId: 'ikut',
    name: 'Spring group',
    startsOn: '2026-03-02',
    place: 'Helsinki',
    teachingLanguages: ['fi', 'en'],
    capacity: 2,
    coachIds: [],
    partnerIds: ['riku', 'monika'],
    requirements: [
      { kind: 'gender', genders: ['female'] },
      { kind: 'language', languages: ['fi', 'en'], level: 'moderate' },
      { kind: 'literacy', script: 'latin' },
    ],
  };
  groupId = (await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), group)).body.id;
  otherGroupId = (
    await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), {
      ...group,
      name: 'Evening group',
      requirements: [],
      capacity: 10,
    })
  ).body.id;
  sessions = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}/sessions`, await as(coach))).body;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('participants and enrolment', () => {
  it('enrols within capacity, puts the next on the waiting list, and refuses one who does not meet a requirement, naming it', async () => {
    const first = await newPerson();
    const second = await newPerson({ name: 'Bisrat Testi' });
    const third = await newPerson({ name: 'Chen Testi' });
    const refused = await newPerson({
      name: 'Dana Testi',
      languages: [
        { code: 'ru', level: 'fluent' },
        { code: 'en', level: 'basic' },
      ],
    });
    expect((await enrol(groupId, first)).body).toEqual({ status: 'enrolled' });
    expect((await enrol(groupId, second)).body).toEqual({ status: 'enrolled' });
    expect((await enrol(groupId, third)).body).toEqual({ status: 'waiting' });
    const refusal = await enrol(groupId, refused, '2026-03-02', coach, 'fi');
    expect(refusal.status).toBe(422);
    expect(refusal.body.error.code).toBe('coaching_requirement_unmet');
    expect(refusal.body.error.message).toContain('vähintään tasolla: kohtalainen');
    expect(refusal.body.error.message).toContain('englanti');
    const listed = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}/participants`, await as(coach))).body;
    expect(listed.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      ['Amina Testi', 'enrolled'],
      ['Bisrat Testi', 'enrolled'],
      ['Chen Testi', 'waiting'],
    ]);
    expect((await enrol(groupId, first)).status).toBe(409);
  });

  it('refuses bad input with translated errors and records nothing', async () => {
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('coaching_participants')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const noConsent = await injectJson(app, 'POST', '/api/v1/coaching/participants', await as(coach, 'sv'), {
      ...person(),
      consent: { takesPart: false, givenOn: '2026-02-20', sharedWith: [] },
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.message).not.toContain('errors.');
    const unknownOrganisation = await injectJson(app, 'POST', '/api/v1/coaching/participants', await as(coach), {
      ...person(),
      consent: { takesPart: true, givenOn: '2026-02-20', sharedWith: ['nobody'] },
    });
    expect(unknownOrganisation.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('links a client record only for one who may see it', async () => {
    const client = await makeClient(ctx, caseworker);
    const linked = await injectJson(
      app,
      'POST',
      '/api/v1/coaching/participants',
      await as(coach),
      person({ name: 'Linked', clientId: client.id }),
    );
    expect(linked.status).toBe(403);
    expect(await ctx.db.selectFrom('coaching_participants').select('id').where('client_id', '=', client.id).execute()).toEqual([]);
  });
});

describe('who sees which participants', () => {
  let shared: string;
  let notShared: string;

  beforeAll(async () => {
    shared = await newPerson({ name: 'Eeva Jaettu', consent: { takesPart: true, givenOn: '2026-02-20', sharedWith: ['riku'] } });
    notShared = await newPerson({ name: 'Fatima Oma', consent: { takesPart: true, givenOn: '2026-02-20', sharedWith: [] } });
    await enrol(otherGroupId, shared);
    await enrol(otherGroupId, notShared);
  });

  it('a coach sees their groups’ participants, another coach none of them', async () => {
    expect((await injectJson(app, 'GET', `/api/v1/coaching/participants/${shared}`, await as(coach))).body.name).toBe('Eeva Jaettu');
    expect((await injectJson(app, 'GET', `/api/v1/coaching/participants/${shared}`, await as(otherCoach))).status).toBe(404);
    expect((await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/participants`, await as(otherCoach))).status).toBe(404);
    expect((await injectJson(app, 'GET', '/api/v1/coaching/participants', await as(otherCoach))).body).toEqual([]);
  });

  it('a partner sees only the participants whose consent shares with its organisation', async () => {
    const names = async (account: TestAccount) =>
      (await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/participants`, await as(account))).body.map(
        (p: { name: string }) => p.name,
      );
    expect(await names(partner)).toEqual(['Eeva Jaettu']);
    expect(await names(otherPartner)).toEqual([]);
    expect((await injectJson(app, 'GET', `/api/v1/coaching/participants/${notShared}`, await as(partner))).status).toBe(404);
    const seen = await injectJson(app, 'GET', `/api/v1/coaching/participants/${shared}`, await as(partner));
    expect(seen.body).toMatchObject({ name: 'Eeva Jaettu', consent: { sharedWith: ['riku'] } });
  });

  it('every read is audited with the participants it showed', async () => {
    await injectJson(app, 'GET', `/api/v1/coaching/participants/${shared}`, await as(director));
    const reads = await audits('coaching.participant.read');
    expect(reads.some((row) => row.actor_id === director.id && JSON.stringify(row.details).includes(shared))).toBe(true);
    const lists = await audits('coaching.participants.group');
    expect(
      lists.some(
        (row) =>
          row.actor_id === partner.id && JSON.stringify(row.details).includes(shared) && !JSON.stringify(row.details).includes(notShared),
      ),
    ).toBe(true);
  });

  it('the psychologist’s meetings are health data: recorded by the health professional, sealed, unread by coaches and partners', async () => {
    const byCoach = await injectJson(app, 'POST', `/api/v1/coaching/participants/${shared}/meetings`, await as(coach), {
      kind: 'psychologist',
      heldOn: '2026-03-05',
      notes: 'x',
    });
    expect(byCoach.status).toBe(403);
    const made = await injectJson(app, 'POST', `/api/v1/coaching/participants/${shared}/meetings`, await as(nurse), {
      kind: 'psychologist',
      heldOn: '2026-03-05',
      notes: 'Sleeps badly since the move.',
    });
    expect(made.status).toBe(201);
    const guidance = await injectJson(app, 'POST', `/api/v1/coaching/participants/${shared}/meetings`, await as(coach), {
      kind: 'guidance',
      heldOn: '2026-03-06',
      notes: 'Wants to study to be a practical nurse.',
    });
    expect(guidance.status).toBe(201);
    const stored = await ctx.db.selectFrom('coaching_meetings').select('notes').where('id', '=', made.body.id).executeTakeFirstOrThrow();
    expect(stored.notes).toMatch(/^enc1:/);
    for (const account of [coach, partner, director]) {
      const { body } = await injectJson(app, 'GET', `/api/v1/coaching/participants/${shared}`, await as(account));
      expect(body.psychologistMeetings).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('Sleeps badly');
      expect(body.guidance[0].notes).toContain('practical nurse');
    }
    const { body } = await injectJson(app, 'GET', `/api/v1/coaching/participants/${shared}`, await as(nurse));
    expect(body.psychologistMeetings[0].notes).toBe('Sleeps badly since the move.');
    expect(body.guidance).toBeUndefined();
    const read = (await audits('coaching.participant.read')).find((row) => row.actor_id === nurse.id);
    expect(read?.field_groups).toEqual(['identity', 'health']);
  });
});

describe('attendance', () => {
  let early: string;
  let late: string;

  beforeAll(async () => {
    early = await newPerson({ name: 'Gul Early' });
    late = await newPerson({ name: 'Hana Late' });
    await enrol(otherGroupId, early, '2026-03-02');
    await enrol(otherGroupId, late, sessions[2].day);
  });

  it('counts only the sessions a person was expected at, and a person in two groups in each', async () => {
    const other = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/sessions`, await as(coach))).body;
    expect((await mark(otherGroupId, other[0].id, [{ participantId: early, mark: 'present' }])).status).toBe(204);
    const tooEarly = await mark(otherGroupId, other[0].id, [{ participantId: late, mark: 'present' }]);
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.details[0]).toMatchObject({ field: 'marks/0/mark', problem: 'not_enrolled_yet' });
    await mark(otherGroupId, other[1].id, [{ participantId: early, mark: 'excused' }]);
    await mark(otherGroupId, other[2].id, [
      { participantId: early, mark: 'late' },
      { participantId: late, mark: 'absent' },
    ]);
    await mark(otherGroupId, other[3].id, [
      { participantId: early, mark: 'absent' },
      { participantId: late, mark: 'present' },
    ]);
    // The same person in the first group: their marks there do not change this group's rate.
    const third = (
      await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), {
        programmeId: 'ikut',
        name: 'Third group',
        startsOn: '2026-03-02',
        place: 'Espoo',
        teachingLanguages: ['en'],
        capacity: 5,
        coachIds: [],
        partnerIds: [],
        requirements: [],
      })
    ).body.id;
    expect((await enrol(third, early)).body).toEqual({ status: 'enrolled' });
    const thirdSessions = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${third}/sessions`, await as(coach))).body;
    expect((await mark(third, thirdSessions[0].id, [{ participantId: early, mark: 'absent' }])).status).toBe(204);
    const thirdGrid = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${third}/attendance`, await as(coach))).body;
    expect(thirdGrid.participants[0].attendanceRate).toBe(0);
    const grid = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/attendance`, await as(coach))).body;
    const row = (name: string) => grid.participants.find((p: { name: string }) => p.name === name);
    expect(row('Gul Early').marks.slice(0, 4)).toEqual(['present', 'excused', 'late', 'absent']);
    expect(row('Gul Early').attendanceRate).toBe(67);
    expect(row('Hana Late').marks.slice(0, 4)).toEqual(['not_enrolled', 'not_enrolled', 'absent', 'present']);
    expect(row('Hana Late').attendanceRate).toBe(50);
  });

  it('three absences in a row give the coach a task to check on the person', async () => {
    const other = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/sessions`, await as(coach))).body;
    const absenceTasks = async () =>
      (await injectJson(app, 'GET', '/api/v1/coaching/tasks', await as(coach))).body.filter(
        (task: { kind: string; participantId: string }) => task.kind === 'absences' && task.participantId === late,
      );
    await mark(otherGroupId, other[4].id, [{ participantId: late, mark: 'absent' }]);
    await mark(otherGroupId, other[5].id, [{ participantId: late, mark: 'excused' }]);
    await mark(otherGroupId, other[6].id, [{ participantId: late, mark: 'absent' }]);
    expect(await absenceTasks()).toHaveLength(0);
    await mark(otherGroupId, other[7].id, [{ participantId: late, mark: 'absent' }]);
    expect(await absenceTasks()).toHaveLength(1);
  });
});

describe('goals and follow-up', () => {
  it('goals at start and end, follow-up tasks at 3, 6 and 12 months, and a sign of exploitation prompts a consultation', async () => {
    const id = await newPerson({ name: 'Iris Goals' });
    await enrol(otherGroupId, id);
    const goals = (phase: string, assessor: string, score: number) =>
      as(coach).then((headers) =>
        injectJson(app, 'PUT', `/api/v1/coaching/groups/${otherGroupId}/participants/${id}/goals`, headers, {
          phase,
          assessor,
          scores: [
            { goal: 'finnish', score },
            { goal: 'it_skills', score },
          ],
        }),
      );
    expect((await goals('start', 'person', 1)).status).toBe(204);
    expect((await goals('end', 'person', 3)).status).toBe(204);
    const unknown = await injectJson(app, 'PUT', `/api/v1/coaching/groups/${otherGroupId}/participants/${id}/goals`, await as(coach), {
      phase: 'end',
      assessor: 'coach',
      scores: [{ goal: 'dancing', score: 2 }],
    });
    expect(unknown.status).toBe(400);
    const read = (await injectJson(app, 'GET', `/api/v1/coaching/participants/${id}`, await as(coach))).body;
    expect(read.goals).toHaveLength(4);
    const tasks = (await injectJson(app, 'GET', '/api/v1/coaching/tasks', await as(coach))).body.filter(
      (task: { participantId: string }) => task.participantId === id,
    );
    expect(tasks.map((task: { months: number }) => task.months)).toEqual([3, 6, 12]);
    const followUp = await injectJson(
      app,
      'POST',
      `/api/v1/coaching/groups/${otherGroupId}/participants/${id}/follow-ups`,
      await as(coach),
      {
        months: 3,
        outcome: 'looking_for_work',
        exploitationSign: true,
        recordedOn: '2026-09-01',
      },
    );
    expect(followUp.body).toEqual({ consultAssistanceSystem: true });
    const after = (await injectJson(app, 'GET', '/api/v1/coaching/tasks', await as(coach))).body.filter(
      (task: { participantId: string }) => task.participantId === id,
    );
    expect(after.map((task: { months: number }) => task.months)).toEqual([6, 12]);
  });
});

describe('reports', () => {
  it('the internal form counts everything; the published form hides counts of 1 to 4 and figures fewer than five people make', async () => {
    const internal = await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/report?form=internal`, await as(coach));
    expect(internal.status).toBe(200);
    expect(internal.body.enrolled).toBeGreaterThanOrEqual(5);
    expect(internal.body.attendanceRate).toEqual(expect.any(Number));
    const finnish = internal.body.goals.find((goal: { goal: string }) => goal.goal === 'finnish');
    expect(finnish).toMatchObject({ personStart: 1, personEnd: 3 });
    expect(
      internal.body.followUps.find((f: { months: number; outcome: string }) => f.months === 3 && f.outcome === 'looking_for_work').count,
    ).toBe(1);
    const published = await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/report`, await as(partner));
    expect(published.body.form).toBe('published');
    expect(published.body.followUps.every((f: { count: number | null }) => f.count === null || f.count === 0 || f.count >= 5)).toBe(true);
    expect(published.body.goals.find((goal: { goal: string }) => goal.goal === 'finnish').personEnd).toBeNull();
    expect(published.body.exploitationSigns).toBeNull();
    expect((await injectJson(app, 'GET', `/api/v1/coaching/groups/${otherGroupId}/report?form=internal`, await as(partner))).status).toBe(
      403,
    );
  });

  it('the programme report adds up the groups in scope and downloads as CSV and XLSX', async () => {
    const headers = await as(coach);
    const csv = await app.inject({ method: 'GET', url: '/api/v1/coaching/programmes/ikut/report/file?format=csv&form=internal', headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Ryhmään otettuja');
    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/coaching/programmes/ikut/report/file?format=xlsx', headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const summary = await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut/report?form=internal', headers);
    expect(summary.body.groups).toBe(3);
  });
});

describe('leaving a group and the waiting list', () => {
  let leavingGroup: string;
  let days: Array<{ id: string; day: string }>;
  let leaver: string;
  let stays: string;
  let nowUnfit: string;
  let next: string;
  const leave = async (participantId: string, body: Record<string, unknown>, language = 'en') =>
    injectJson(
      app,
      'POST',
      `/api/v1/coaching/groups/${leavingGroup}/participants/${participantId}/leaving`,
      await as(coach, language),
      body,
    );
  const statusOf = async (participantId: string) =>
    (
      await ctx.db
        .selectFrom('coaching_enrolments')
        .select(['status', 'enrolled_on', 'left_on'])
        .where('group_id', '=', leavingGroup)
        .where('participant_id', '=', participantId)
        .executeTakeFirstOrThrow()
    ).status;

  beforeAll(async () => {
    leavingGroup = (
      await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), {
        programmeId: 'ikut',
        name: 'Leaving group',
        startsOn: '2026-03-02',
        place: 'Vantaa',
        teachingLanguages: ['en'],
        capacity: 2,
        coachIds: [],
        partnerIds: [],
        requirements: [{ kind: 'language', languages: ['en'], level: 'moderate' }],
      })
    ).body.id;
    days = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${leavingGroup}/sessions`, await as(coach))).body;
    leaver = await newPerson({ name: 'Jamila Leaves' });
    stays = await newPerson({ name: 'Kaisa Stays' });
    nowUnfit = await newPerson({ name: 'Lina First In Line' });
    next = await newPerson({ name: 'Maryam Next' });
    for (const id of [leaver, stays, nowUnfit, next]) await enrol(leavingGroup, id);
    // What is recorded of the first in line has changed since she joined the list: her English is now given as basic.
    const languages = (body: unknown) =>
      as(coach, 'fi').then((headers) => injectJson(app, 'PUT', `/api/v1/coaching/participants/${nowUnfit}/languages`, headers, body));
    const twice = await languages({
      languages: [
        { code: 'en', level: 'basic' },
        { code: 'en', level: 'good' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details[0]).toMatchObject({ field: 'languages/1/code', problem: 'uniqueItems' });
    expect((await languages({ languages: [{ code: 'en', level: 'basic' }] })).status).toBe(204);
    expect((await audits('coaching.participant.languages')).some((entry) => JSON.stringify(entry.details).includes(nowUnfit))).toBe(true);
    await mark(leavingGroup, days[0].id, [{ participantId: leaver, mark: 'present' }]);
    await mark(leavingGroup, days[1].id, [{ participantId: leaver, mark: 'absent' }]);
  });

  it('refuses a last day before the enrolment and one who is waiting, translated, changing nothing', async () => {
    const early = await leave(leaver, { leftOn: '2026-02-27', reason: 'work' }, 'fi');
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ field: 'leftOn', problem: 'before_enrolment' });
    expect(early.body.error.details[0].message).toContain('ennen kuin henkilö tuli ryhmään');
    const waiting = await leave(next, { leftOn: days[1].day, reason: 'other' });
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.message).toContain('jonossa');
    expect(await statusOf(leaver)).toBe('enrolled');
    expect(await statusOf(next)).toBe('waiting');
    expect(await ctx.db.selectFrom('coaching_leavings').select('id').where('group_id', '=', leavingGroup).execute()).toEqual([]);
  });

  it('frees the place for the first waiting who meets the requirements, from the next session, passing over one who no longer does', async () => {
    const left = await leave(leaver, { leftOn: days[1].day, reason: 'work', note: 'Found work at a bakery.' });
    expect(left.status).toBe(200);
    expect(left.body).toEqual({ movedIn: { participantId: next, enrolledOn: days[2].day }, passedOver: [nowUnfit] });
    const listed = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${leavingGroup}/participants`, await as(coach))).body;
    const row = (id: string) => listed.find((p: { id: string }) => p.id === id);
    expect(row(leaver)).toMatchObject({ status: 'left', leftOn: days[1].day, leaveReason: 'work' });
    expect(row(next)).toMatchObject({ status: 'enrolled', enrolledOn: days[2].day, passedOver: null });
    expect(row(nowUnfit)).toMatchObject({
      status: 'waiting',
      passedOver: { requirement: { kind: 'language', languages: ['en'], level: 'moderate' }, on: days[2].day },
    });
    const stored = await ctx.db
      .selectFrom('coaching_leavings')
      .select('note')
      .where('participant_id', '=', leaver)
      .executeTakeFirstOrThrow();
    expect(stored.note).toMatch(/^enc1:/);
    const audit = (await audits('coaching.leaving')).find((entry) => JSON.stringify(entry.details).includes(leaver));
    expect(audit?.details).toMatchObject({ reason: 'work', movedIn: { participantId: next }, passedOver: [nowUnfit] });
    expect(JSON.stringify(audit?.details)).not.toContain('bakery');
  });

  it('refuses a second leaving, translated, and closes the group record of one who left', async () => {
    const again = await leave(leaver, { leftOn: days[3].day, reason: 'other' }, 'fi');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('coaching_left');
    expect(again.body.error.message).toContain('lähtenyt');
    const plan = await injectJson(app, 'PUT', `/api/v1/coaching/groups/${leavingGroup}/participants/${leaver}/plan`, await as(coach), {
      careerPlan: 'x',
    });
    expect(plan.status).toBe(409);
    expect((await enrol(leavingGroup, leaver)).status).toBe(409);
  });

  it('expects one who left at no later session: the rate counts only sessions while enrolled', async () => {
    const after = await mark(leavingGroup, days[2].id, [{ participantId: leaver, mark: 'absent' }]);
    expect(after.status).toBe(400);
    expect(after.body.error.details[0]).toMatchObject({ field: 'marks/0/mark', problem: 'left_group' });
    const grid = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${leavingGroup}/attendance`, await as(coach))).body;
    const row = grid.participants.find((p: { id: string }) => p.id === leaver);
    expect(row.marks.slice(0, 4)).toEqual(['present', 'absent', 'left', 'left']);
    expect(row.attendanceRate).toBe(50);
    const newcomer = grid.participants.find((p: { id: string }) => p.id === next);
    expect(newcomer.marks.slice(0, 3)).toEqual(['not_enrolled', 'not_enrolled', null]);
  });

  it('gives one who left no follow-up tasks, and the coach a task to tell the one taken in', async () => {
    const tasks = (await injectJson(app, 'GET', '/api/v1/coaching/tasks', await as(coach))).body;
    expect(tasks.filter((task: { participantId: string }) => task.participantId === leaver)).toEqual([]);
    const newcomer = tasks.filter((task: { participantId: string }) => task.participantId === next);
    expect(newcomer.map((task: { kind: string; months: number | null }) => [task.kind, task.months])).toEqual([
      ['waiting_list', null],
      ['follow_up', 3],
      ['follow_up', 6],
      ['follow_up', 12],
    ]);
    expect(newcomer[0].dueOn).toBe(days[2].day);
    const done = (account: TestAccount, id: string) =>
      as(account).then((headers) => injectJson(app, 'POST', `/api/v1/coaching/tasks/${id}/done`, headers));
    expect((await done(otherCoach, newcomer[0].id)).status).toBe(404);
    expect((await done(coach, newcomer[1].id)).status).toBe(404);
    expect((await done(coach, newcomer[0].id)).status).toBe(204);
    const after = (await injectJson(app, 'GET', '/api/v1/coaching/tasks', await as(coach))).body;
    expect(
      after.filter((task: { participantId: string; kind: string }) => task.participantId === next && task.kind === 'waiting_list'),
    ).toEqual([]);
  });

  it('the participant’s own schedule starts on their first day, names no one, and its read is audited', async () => {
    await injectJson(app, 'PATCH', `/api/v1/coaching/groups/${leavingGroup}/sessions/${days[3].id}`, await as(coach), {
      day: days[3].day,
      startsAt: '10:00',
      teacher: 'Guest Lecturer Virtanen',
      place: 'Company visit, Vantaa',
    });
    const own = await injectJson(app, 'GET', `/api/v1/coaching/participants/${next}/schedule`, await as(coach));
    expect(own.status).toBe(200);
    const [group] = own.body.groups;
    expect(group.groupName).toBe('Leaving group');
    expect(group.sessions[0]).toMatchObject({ day: days[2].day, place: 'Vantaa' });
    expect(group.sessions[1]).toMatchObject({ day: days[3].day, startsAt: '10:00', place: 'Company visit, Vantaa' });
    expect(group.sessions[0].contentNames.fi).toBeTruthy();
    expect(JSON.stringify(own.body)).not.toContain('Virtanen');
    expect(JSON.stringify(own.body)).not.toContain('Maryam');
    expect((await injectJson(app, 'GET', `/api/v1/coaching/participants/${leaver}/schedule`, await as(coach))).body).toEqual({
      groups: [],
    });
    expect((await injectJson(app, 'GET', `/api/v1/coaching/participants/${next}/schedule`, await as(otherCoach))).status).toBe(404);
    expect((await audits('coaching.participant.schedule')).some((entry) => JSON.stringify(entry.details).includes(next))).toBe(true);
  });
});

describe('follow-ups after a moved last session', () => {
  it('the follow-ups not yet made move with the group’s last session; one made stays', async () => {
    const group = (
      await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), {
        programmeId: 'ikut',
        name: 'Moving group',
        startsOn: '2026-03-02',
        place: 'Turku',
        teachingLanguages: ['en'],
        capacity: 5,
        coachIds: [],
        partnerIds: [],
        requirements: [],
      })
    ).body.id;
    const id = await newPerson({ name: 'Nadia Follows' });
    await enrol(group, id);
    const due = async () =>
      Object.fromEntries(
        (await injectJson(app, 'GET', '/api/v1/coaching/tasks', await as(coach))).body
          .filter((task: { participantId: string; kind: string }) => task.participantId === id && task.kind === 'follow_up')
          .map((task: { months: number; dueOn: string }) => [task.months, task.dueOn]),
      );
    const list = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${group}/sessions`, await as(coach))).body;
    const last = list[list.length - 1];
    expect(await due()).toEqual({ 3: addMonths(last.day, 3), 6: addMonths(last.day, 6), 12: addMonths(last.day, 12) });
    const move = async (day: string) =>
      injectJson(app, 'PATCH', `/api/v1/coaching/groups/${group}/sessions/${last.id}`, await as(coach), { day, startsAt: '09:00' });
    const later = addDays(last.day, 7);
    expect((await move(later)).status).toBe(204);
    expect(await due()).toEqual({ 3: addMonths(later, 3), 6: addMonths(later, 6), 12: addMonths(later, 12) });
    const made = await injectJson(app, 'POST', `/api/v1/coaching/groups/${group}/participants/${id}/follow-ups`, await as(coach), {
      months: 3,
      outcome: 'work',
      exploitationSign: false,
      recordedOn: addMonths(later, 3),
    });
    expect(made.status).toBe(200);
    const back = addDays(later, -7);
    expect((await move(back)).status).toBe(204);
    expect(await due()).toEqual({ 6: addMonths(back, 6), 12: addMonths(back, 12) });
    const done = await ctx.db
      .selectFrom('coaching_tasks')
      .select('due_on')
      .where('participant_id', '=', id)
      .where('months', '=', 3)
      .executeTakeFirstOrThrow();
    expect(done.due_on).toBe(addMonths(later, 3));
  });
});

describe('the published report’s disclosure control', () => {
  type Figures = Record<string, number | null> & {
    followedUp: Array<{ months: number; count: number | null }>;
    followUps: Array<{ months: number; outcome: string; count: number | null }>;
  };
  /** The report's own sums: a sum with exactly one hidden term would give that term away. */
  const singleHiddenTerm = (report: Figures) => {
    const sums: Array<Array<number | null>> = [[report.enrolled, report.completed, report.left, report.ongoing]];
    for (const { months, count } of report.followedUp)
      sums.push([count, ...report.followUps.filter((f) => f.months === months).map((f) => f.count)]);
    return sums.filter((terms) => terms.filter((term) => term === null).length === 1);
  };

  it('one group of six, five completed and one left: completed is hidden with the one who left, in the group’s and the programme’s report', async () => {
    const programme = await injectJson(app, 'POST', '/api/v1/coaching/programmes', await as(coach), {
      basedOn: 'ikut',
      names: { fi: 'Pieni ohjelma', sv: 'Litet program', en: 'Small programme' },
    });
    expect(programme.status).toBe(201);
    const group = (
      await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), {
        programmeId: programme.body.id,
        name: 'Six places',
        startsOn: '2026-03-02',
        place: 'Lahti',
        teachingLanguages: ['en'],
        capacity: 6,
        coachIds: [],
        partnerIds: ['riku'],
        requirements: [],
      })
    ).body.id;
    const people: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const id = await newPerson({ name: `Person ${n}` });
      expect((await enrol(group, id)).body).toEqual({ status: 'enrolled' });
      people.push(id);
    }
    for (const id of people.slice(0, 5))
      await injectJson(app, 'PUT', `/api/v1/coaching/groups/${group}/participants/${id}/goals`, await as(coach), {
        phase: 'end',
        assessor: 'coach',
        scores: [{ goal: 'finnish', score: 3 }],
      });
    const leaving = await injectJson(app, 'POST', `/api/v1/coaching/groups/${group}/participants/${people[5]}/leaving`, await as(coach), {
      leftOn: '2026-03-10',
      reason: 'studies',
    });
    expect(leaving.status).toBe(200);

    const internal = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${group}/report?form=internal`, await as(coach))).body;
    expect(internal).toMatchObject({ enrolled: 6, completed: 5, left: 1, ongoing: 0, waiting: 0 });
    for (const report of [
      (await injectJson(app, 'GET', `/api/v1/coaching/groups/${group}/report`, await as(partner))).body,
      (await injectJson(app, 'GET', `/api/v1/coaching/programmes/${programme.body.id}/report`, await as(partner))).body,
    ]) {
      expect(report).toMatchObject({ form: 'published', enrolled: 6, completed: null, left: null, ongoing: 0, waiting: 0 });
      expect(singleHiddenTerm(report)).toEqual([]);
    }
  });

  it('the groups’ published reports add up to the programme’s without giving a hidden count away', async () => {
    const groups = (await injectJson(app, 'GET', '/api/v1/coaching/groups', await as(director))).body.filter(
      (group: { programmeId: string }) => group.programmeId === 'ikut',
    );
    expect(groups.length).toBeGreaterThan(2);
    const reports: Figures[] = [];
    for (const group of groups)
      reports.push((await injectJson(app, 'GET', `/api/v1/coaching/groups/${group.id}/report`, await as(director))).body);
    const programme: Figures = (await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut/report', await as(director))).body;
    expect(programme.groups).toBe(groups.length);
    for (const name of ['enrolled', 'completed', 'left', 'ongoing', 'waiting', 'exploitationSigns']) {
      const terms = [programme[name], ...reports.map((report) => report[name])];
      expect(terms.filter((term) => term === null).length, name).not.toBe(1);
      if (terms.every((term) => term !== null))
        expect(programme[name], name).toBe(reports.reduce((total, report) => total + (report[name] as number), 0));
    }
    for (const report of [programme, ...reports]) expect(singleHiddenTerm(report)).toEqual([]);
  });
});

describe('the demo installation', () => {
  it('has a finished group in which one left half-way and the others completed, and a running group', async () => {
    const demo = await createTestContext();
    try {
      await demo.db.deleteFrom('organisations').execute();
      await demo.db.deleteFrom('offices').execute();
      await installDemo(demo);
      const groups = await demo.db.selectFrom('coaching_groups').select(['id', 'name']).orderBy('name').execute();
      expect(groups.map((group) => group.name)).toEqual(['IKUT-ryhmä 1', 'IKUT-ryhmä 2']);
      const statuses = async (groupId: string) =>
        (await demo.db.selectFrom('coaching_enrolments').select('status').where('group_id', '=', groupId).execute())
          .map((row) => row.status)
          .sort();
      expect(await statuses(groups[0].id)).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled', 'left']);
      expect(await statuses(groups[1].id)).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled']);
    } finally {
      await demo.close();
    }
  });
});
