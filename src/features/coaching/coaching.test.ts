import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { fitPlan } from './programmes.ts';

let ctx: TestContext;
let app: FastifyInstance;
let director: TestAccount;
let coach: TestAccount;
let otherCoach: TestAccount;
let partner: TestAccount;
let otherPartner: TestAccount;
let caseworker: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [director, coach, otherCoach, partner, caseworker] = await makeAccounts(ctx, 'director', 'coach', 'coach', 'partner', 'caseworker');
  otherPartner = await makeAccount(ctx, 'partner', { organisationId: 'monika' });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const group = (overrides: Record<string, unknown> = {}) => ({
  programmeId: 'ikut',
  name: 'Spring group',
  startsOn: '2026-03-02',
  place: 'Helsinki, Kansalaistori',
  teachingLanguages: ['fi', 'en'],
  capacity: 6,
  coachIds: [],
  partnerIds: ['riku'],
  requirements: [
    { kind: 'gender', genders: ['female'] },
    { kind: 'language', languages: ['fi', 'en'], level: 'moderate' },
    { kind: 'literacy', script: 'latin' },
  ],
  ...overrides,
});

describe('the IKUT programme', () => {
  it('is there from the start as its description gives it: ten weeks, four half-days a week, its contents and seven goals in three languages', async () => {
    const { status, body } = await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut', await as(coach));
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'ikut', version: 1, weeks: 10, sessionsPerWeek: 4, weekdays: [1, 2, 3, 4] });
    expect(body.names.fi).toBe('IKUT-työelämävalmennus');
    expect(body.goals.map((goal: { key: string }) => goal.key)).toEqual([
      'rights_at_work',
      'finnish',
      'it_skills',
      'job_search',
      'self_confidence',
      'psychosocial_support',
      'career_study_plans',
    ]);
    for (const item of [...body.goals, ...body.contentTypes])
      for (const language of ['fi', 'sv', 'en']) expect(item.names[language]).toBeTruthy();
    expect(body.contentTypes.map((item: { key: string }) => item.key)).toEqual(
      expect.arrayContaining(['initial_assessment', 'finnish', 'it', 'individual_guidance', 'psychologist', 'visit', 'career_plans']),
    );
    expect(body.plan).toHaveLength(40);
    expect(body.plan[0]).toBe('initial_assessment');
  });

  it('changes as a new version, keeping the earlier one, and the plan follows a new length', async () => {
    const current = (await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut', await as(coach))).body;
    const changed = await injectJson(app, 'PUT', '/api/v1/coaching/programmes/ikut', await as(coach), {
      names: current.names,
      weeks: 12,
      sessionsPerWeek: 4,
      weekdays: [1, 2, 3, 4],
      sessionStart: '09:30',
      sessionMinutes: 180,
    });
    expect(changed).toMatchObject({ status: 200, body: { version: 2 } });
    const after = (await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut', await as(partner))).body;
    expect(after).toMatchObject({ version: 2, weeks: 12, sessionStart: '09:30' });
    expect(after.plan).toHaveLength(48);
    expect(after.plan.slice(-4)).toEqual(current.plan.slice(-4));
    expect(after.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', coach.id).execute();
    expect(audit.map((row) => row.action)).toContain('coaching.programme.change');
  });

  it('refuses a template that does not add up, with the field named, and changes nothing', async () => {
    const before = (await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut', await as(coach))).body.version;
    const wrong = await injectJson(app, 'PUT', '/api/v1/coaching/programmes/ikut', await as(coach), {
      names: { fi: 'A', sv: 'B', en: 'C' },
      weeks: 2,
      sessionsPerWeek: 2,
      weekdays: [1, 2, 3],
      sessionStart: '09:00',
      sessionMinutes: 180,
      plan: ['finnish', 'finnish', 'dancing'],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'weekdays', problem: 'weekdays_per_week' }),
        expect.objectContaining({ field: 'plan', problem: 'plan_length' }),
      ]),
    );
    expect(wrong.body.error.details[0].message).not.toContain('errors.');
    const badTime = await injectJson(app, 'PUT', '/api/v1/coaching/programmes/ikut', await as(coach), {
      names: { fi: 'A', sv: 'B', en: 'C' },
      weeks: 2,
      sessionsPerWeek: 1,
      weekdays: [1],
      sessionStart: '25:00',
      sessionMinutes: 180,
    });
    expect(badTime.status).toBe(400);
    expect((await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut', await as(coach))).body.version).toBe(before);
  });

  it('an installation adds its own programme, begun from another', async () => {
    const made = await injectJson(app, 'POST', '/api/v1/coaching/programmes', await as(coach), {
      basedOn: 'ikut',
      names: { fi: 'Lyhyt valmennus', sv: 'Kort träning', en: 'Short coaching' },
    });
    expect(made.status).toBe(201);
    const list = (await injectJson(app, 'GET', '/api/v1/coaching/programmes', await as(coach))).body;
    expect(list.map((programme: { names: { en: string } }) => programme.names.en)).toEqual(
      expect.arrayContaining(['IKUT work-life coaching', 'Short coaching']),
    );
    const unknown = await injectJson(app, 'POST', '/api/v1/coaching/programmes', await as(coach), {
      basedOn: 'nothing-here',
      names: { fi: 'X', sv: 'X', en: 'X' },
    });
    expect(unknown.status).toBe(400);
  });

  it('only coaches change programmes; the assistance system staff outside coaching do not see them', async () => {
    const body = { basedOn: 'ikut', names: { fi: 'X', sv: 'X', en: 'X' } };
    expect((await injectJson(app, 'POST', '/api/v1/coaching/programmes', await as(partner), body)).status).toBe(403);
    expect((await injectJson(app, 'GET', '/api/v1/coaching/programmes', await as(caseworker))).status).toBe(403);
  });
});

describe('the plan of a programme fitted to a new length', () => {
  it('keeps the weeks that remain, repeats a middle week and keeps the last week last', () => {
    const plan = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'];
    expect(fitPlan(plan, 2, 4, 2)).toEqual(['a1', 'a2', 'b1', 'b2', 'b1', 'b2', 'c1', 'c2']);
    expect(fitPlan(plan, 2, 2, 2)).toEqual(['a1', 'a2', 'c1', 'c2']);
    expect(fitPlan(plan, 2, 2, 3)).toEqual(['a1', 'a2', 'a1', 'c1', 'c2', 'c1']);
  });
});

describe('groups', () => {
  let groupId: string;

  it('a coach makes a group from the IKUT template with its entry requirements as data, and coaches it', async () => {
    const made = await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), group());
    expect(made.status).toBe(201);
    groupId = made.body.id;
    const { body } = await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}`, await as(coach));
    expect(body).toMatchObject({
      name: 'Spring group',
      programmeId: 'ikut',
      capacity: 6,
      teachingLanguages: ['fi', 'en'],
      mayManage: true,
      partners: [{ id: 'riku' }],
    });
    expect(body.coaches.map((person: { id: string }) => person.id)).toEqual([coach.id]);
    expect(body.requirements).toEqual(group().requirements);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'details']).where('actor_id', '=', coach.id).execute();
    expect(audit.map((row) => row.action)).toContain('coaching.group.create');
  });

  it('coaches see the groups they coach, partners those their organisation co-organises, the director all', async () => {
    const ids = async (account: TestAccount) =>
      (await injectJson(app, 'GET', '/api/v1/coaching/groups', await as(account))).body.map((entry: { id: string }) => entry.id);
    expect(await ids(coach)).toContain(groupId);
    expect(await ids(partner)).toContain(groupId);
    expect(await ids(director)).toContain(groupId);
    expect(await ids(otherCoach)).not.toContain(groupId);
    expect(await ids(otherPartner)).not.toContain(groupId);
    expect((await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}`, await as(otherCoach))).status).toBe(404);
    expect((await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}`, await as(otherPartner))).status).toBe(404);
    const seen = await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}`, await as(partner));
    expect(seen.body).toMatchObject({ id: groupId, mayManage: false });
  });

  it('a second coach named on the group sees it too', async () => {
    const made = await injectJson(
      app,
      'POST',
      '/api/v1/coaching/groups',
      await as(coach),
      group({ name: 'Autumn', coachIds: [otherCoach.id] }),
    );
    expect(made.status).toBe(201);
    const seen = await injectJson(app, 'GET', `/api/v1/coaching/groups/${made.body.id}`, await as(otherCoach));
    expect(seen.body.mayManage).toBe(true);
  });

  it('refuses a coach who cannot coach, an unknown partner and a requirement it does not know, writing nothing', async () => {
    const count = async () => (await ctx.db.selectFrom('coaching_groups').select('id').execute()).length;
    const before = await count();
    const notCoach = await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), group({ coachIds: [caseworker.id] }));
    expect(notCoach.status).toBe(400);
    expect(notCoach.body.error.details).toEqual([expect.objectContaining({ field: 'coachIds', problem: 'not_a_coach' })]);
    const unknownPartner = await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), group({ partnerIds: ['nobody'] }));
    expect(unknownPartner.status).toBe(400);
    const badRequirement = await injectJson(
      app,
      'POST',
      '/api/v1/coaching/groups',
      await as(coach),
      group({ requirements: [{ kind: 'language', languages: ['fi'], level: 'perfect' }] }),
    );
    expect(badRequirement.status).toBe(400);
    const noCapacity = await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(coach), group({ capacity: 0 }));
    expect(noCapacity.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('partners and the director read groups but do not make them', async () => {
    expect((await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(partner), group())).status).toBe(403);
    expect((await injectJson(app, 'POST', '/api/v1/coaching/groups', await as(director), group())).status).toBe(403);
  });

  it('lists who may coach: accounts whose role runs groups', async () => {
    const { body } = await injectJson(app, 'GET', '/api/v1/coaching/coaches', await as(coach));
    const ids = body.map((entry: { id: string }) => entry.id);
    expect(ids).toEqual(expect.arrayContaining([coach.id, otherCoach.id]));
    expect(ids).not.toContain(caseworker.id);
  });
});

describe('the schedule', () => {
  let groupId: string;
  const sessions = async (account: TestAccount) =>
    (await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}/sessions`, await as(account))).body as Array<{
      id: string;
      number: number;
      contentType: string;
      day: string;
      plannedDay: string;
      startsAt: string;
    }>;

  beforeAll(async () => {
    // Easter Monday (6 April) and Ascension Day (14 May 2026) fall on the group's session days.
    const made = await injectJson(
      app,
      'POST',
      '/api/v1/coaching/groups',
      await as(coach),
      group({ name: 'Easter', startsOn: '2026-03-30' }),
    );
    groupId = made.body.id;
  });

  it('gives every session of the plan its day, on the programme weekdays, skipping Finnish public holidays', async () => {
    const programme = (await injectJson(app, 'GET', '/api/v1/coaching/programmes/ikut', await as(coach))).body;
    const list = await sessions(coach);
    expect(list).toHaveLength(programme.plan.length);
    expect(list.map((session) => session.contentType)).toEqual(programme.plan);
    const days = list.map((session) => session.day);
    expect(days[0]).toBe('2026-03-30');
    expect(days).not.toContain('2026-04-06');
    expect(days).not.toContain('2026-05-14');
    expect(days).toContain('2026-04-07');
    for (const day of days) expect(programme.weekdays).toContain(((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);
    const shown = (await injectJson(app, 'GET', `/api/v1/coaching/groups/${groupId}`, await as(coach))).body;
    expect(shown.endsOn).toBe(days.at(-1));
  });

  it('a coach moves a session and names its guest lecturer; a move onto a holiday is refused and explained', async () => {
    const [first] = await sessions(coach);
    const moved = await injectJson(app, 'PATCH', `/api/v1/coaching/groups/${groupId}/sessions/${first.id}`, await as(coach), {
      day: '2026-03-31',
      startsAt: '12:30',
      teacher: 'Guest from the labour inspectorate',
      place: null,
    });
    expect(moved.status).toBe(204);
    const after = (await sessions(partner)).find((session) => session.id === first.id)!;
    expect(after).toMatchObject({
      day: '2026-03-31',
      plannedDay: '2026-03-30',
      startsAt: '12:30',
      teacher: 'Guest from the labour inspectorate',
    });
    const holiday = await injectJson(app, 'PATCH', `/api/v1/coaching/groups/${groupId}/sessions/${first.id}`, await as(coach), {
      day: '2026-04-06',
      startsAt: '09:00',
    });
    expect(holiday.status).toBe(400);
    expect(holiday.body.error.details).toEqual([expect.objectContaining({ field: 'day', problem: 'public_holiday' })]);
    expect((await sessions(coach)).find((session) => session.id === first.id)!.day).toBe('2026-03-31');
    const notTheirs = await injectJson(app, 'PATCH', `/api/v1/coaching/groups/${groupId}/sessions/${first.id}`, await as(otherCoach), {
      day: '2026-04-01',
      startsAt: '09:00',
    });
    expect(notTheirs.status).toBe(404);
  });

  it('exports the sessions as iCalendar for coaches, with what, when and where and no names', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/coaching/groups/${groupId}/calendar`, headers: await as(coach) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    const feed = response.body;
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength((await sessions(coach)).length);
    expect(feed).toContain('LOCATION:Helsinki\\, Kansalaistori');
    expect(feed).not.toContain('labour inspectorate');
    expect(feed).not.toContain('Test coach');
    expect(feed).not.toMatch(/ATTENDEE|ORGANIZER/);
    const other = await app.inject({ method: 'GET', url: `/api/v1/coaching/groups/${groupId}/calendar`, headers: await as(otherCoach) });
    expect(other.statusCode).toBe(404);
  });
});
