import { sql } from 'kysely';
import type { NamedItem } from '../../core/db/types.ts';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import { can } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/errors.ts';
import type { Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { SMALLEST_SHOWN, protectCounts, type CountSum } from '../statistics/index.ts';
import { FOLLOW_UP_MONTHS } from './followUps.ts';
import { groupsInScope, openGroup } from './scope.ts';
import { followUpOutcomes, type CoachingReport } from './schema.ts';

type Form = 'internal' | 'published';

const OUTCOMES = followUpOutcomes;

/**
 * The counts of a report, each named once: those ever taken in (`enrolled`), who completed (in the
 * group to its end and assessed at the end), who left, who are neither (`ongoing`), who wait, and the
 * follow-ups: how many at each of 3, 6 and 12 months and with which outcome, and the signs of
 * renewed exploitation.
 */
type Counts = Record<string, number>;

function emptyCounts(): Counts {
  const counts: Counts = { enrolled: 0, completed: 0, left: 0, ongoing: 0, waiting: 0, signs: 0 };
  for (const months of FOLLOW_UP_MONTHS) {
    counts[`followedUp.${months}`] = 0;
    for (const outcome of OUTCOMES) counts[`followUp.${months}.${outcome}`] = 0;
  }
  return counts;
}

/** The additive relations within one group's or programme's counts. */
function sumsWithin(scope: string): CountSum[] {
  return [
    { total: `${scope}|enrolled`, parts: ['completed', 'left', 'ongoing'].map((name) => `${scope}|${name}`) },
    ...FOLLOW_UP_MONTHS.map((months) => ({
      total: `${scope}|followedUp.${months}`,
      parts: OUTCOMES.map((outcome) => `${scope}|followUp.${months}.${outcome}`),
    })),
  ];
}

/** Each group's counts, by group. */
async function countsByGroup(ctx: AppContext, groupIds: string[]): Promise<Map<string, Counts>> {
  const byGroup = new Map(groupIds.map((id) => [id, emptyCounts()]));
  if (groupIds.length === 0) return byGroup;
  const inGroups = sql<boolean>`group_id::text = any(${groupIds})`;
  const add = (groupId: string, name: string, n: string | number | bigint) => {
    const counts = byGroup.get(groupId)!;
    counts[name] += Number(n);
  };
  const enrolments = await ctx.db
    .selectFrom('coaching_enrolments as e')
    .select([
      'e.group_id',
      'e.status',
      sql<string>`count(*) filter (where exists (
        select 1 from coaching_goal_scores s
        where s.group_id = e.group_id and s.participant_id = e.participant_id and s.phase = 'end'))`.as('assessed'),
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .where(sql<boolean>`e.group_id::text = any(${groupIds})`)
    .groupBy(['e.group_id', 'e.status'])
    .execute();
  for (const row of enrolments) {
    if (row.status === 'waiting') add(row.group_id, 'waiting', row.n);
    else add(row.group_id, 'enrolled', row.n);
    if (row.status === 'left') add(row.group_id, 'left', row.n);
    // One who left did not complete, whatever was assessed before they left.
    if (row.status === 'enrolled') {
      add(row.group_id, 'completed', row.assessed);
      add(row.group_id, 'ongoing', Number(row.n) - Number(row.assessed));
    }
  }
  const followUps = await ctx.db
    .selectFrom('coaching_follow_ups')
    .select([
      'group_id',
      'months',
      'outcome',
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string>`count(*) filter (where exploitation_sign)`.as('signs'),
    ])
    .where(inGroups)
    .groupBy(['group_id', 'months', 'outcome'])
    .execute();
  for (const row of followUps) {
    add(row.group_id, `followedUp.${row.months}`, row.n);
    add(row.group_id, `followUp.${row.months}.${row.outcome}`, row.n);
    add(row.group_id, 'signs', row.signs);
  }
  return byGroup;
}

function added(all: Iterable<Counts>): Counts {
  const total = emptyCounts();
  for (const counts of all) for (const name of Object.keys(total)) total[name] += counts[name];
  return total;
}

/**
 * The published counts of a programme's groups, protected together with the annual statistics'
 * rules (protectCounts): each group's and the programme's counts, each group's breakdowns, and the
 * groups adding up to the programme. Every group's published report and the programme's come from
 * this one protection, so no two of them together give a hidden count away.
 */
function publishedCounts(byGroup: Map<string, Counts>): { groups: Map<string, Shown>; programme: Shown } {
  const counts: Record<string, number> = {};
  const sums: CountSum[] = [];
  const scopes = new Map<string, Counts>([...byGroup].map(([id, group]) => [`group:${id}`, group]));
  scopes.set('programme', added(byGroup.values()));
  for (const [scope, values] of scopes) {
    for (const [name, value] of Object.entries(values)) counts[`${scope}|${name}`] = value;
    sums.push(...sumsWithin(scope));
  }
  for (const name of Object.keys(emptyCounts()))
    sums.push({ total: `programme|${name}`, parts: [...byGroup.keys()].map((id) => `group:${id}|${name}`) });
  const shown = protectCounts(counts, sums);
  const of = (scope: string): Shown => Object.fromEntries(Object.keys(emptyCounts()).map((name) => [name, shown[`${scope}|${name}`]]));
  return { groups: new Map([...byGroup.keys()].map((id) => [id, of(`group:${id}`)])), programme: of('programme') };
}

type Shown = Record<string, number | null>;

/**
 * A report of one group or of a programme's groups: enrolments, completion, leaving, the attendance
 * rate over every session a person was expected at, the goals at start and end (mean on the 1–4
 * scale) and the follow-ups' outcomes. In the published form the counts are protected (publishedCounts)
 * and a mean or rate that fewer than five people make is not shown.
 */
async function report(
  ctx: AppContext,
  groupIds: string[],
  counts: Shown,
  goalItems: NamedItem[],
  form: Form,
): Promise<Omit<CoachingReport, 'name'>> {
  const ids = groupIds.length === 0 ? [''] : groupIds;
  const attendance = await ctx.db
    .selectFrom('coaching_attendance as a')
    .innerJoin('coaching_sessions as s', 's.id', 'a.session_id')
    .innerJoin('coaching_enrolments as e', (join) =>
      join.onRef('e.participant_id', '=', 'a.participant_id').onRef('e.group_id', '=', 's.group_id'),
    )
    .select([
      sql<string>`count(*) filter (where a.mark in ('present', 'late'))`.as('attended'),
      sql<string>`count(*) filter (where a.mark in ('present', 'late', 'absent'))`.as('expected'),
      sql<string>`count(distinct a.participant_id) filter (where a.mark <> 'excused')`.as('people'),
    ])
    .where(sql<boolean>`s.group_id::text = any(${ids})`)
    .where('e.status', 'in', ['enrolled', 'left'])
    .whereRef('s.on_day', '>=', 'e.enrolled_on')
    .where((eb) => eb.or([eb('e.left_on', 'is', null), eb('s.on_day', '<=', eb.ref('e.left_on'))]))
    .executeTakeFirstOrThrow();
  const goals = await ctx.db
    .selectFrom('coaching_goal_scores')
    .select(['goal', 'phase', 'assessor', sql<string>`avg(score)`.as('mean'), sql<string>`count(*)`.as('n')])
    .where(sql<boolean>`group_id::text = any(${ids})`)
    .groupBy(['goal', 'phase', 'assessor'])
    .execute();
  const meanOf = (goal: string, phase: string, assessor: string) => {
    const row = goals.find((g) => g.goal === goal && g.phase === phase && g.assessor === assessor);
    if (!row || (form === 'published' && Number(row.n) < SMALLEST_SHOWN)) return null;
    return Math.round(Number(row.mean) * 10) / 10;
  };
  const expected = Number(attendance.expected);
  return {
    groups: groupIds.length,
    enrolled: counts.enrolled,
    completed: counts.completed,
    left: counts.left,
    ongoing: counts.ongoing,
    waiting: counts.waiting,
    attendanceRate:
      expected === 0 || (form === 'published' && Number(attendance.people) < SMALLEST_SHOWN)
        ? null
        : Math.round((100 * Number(attendance.attended)) / expected),
    goals: goalItems.map((goal) => ({
      goal: goal.key,
      names: goal.names,
      personStart: meanOf(goal.key, 'start', 'person'),
      personEnd: meanOf(goal.key, 'end', 'person'),
      coachStart: meanOf(goal.key, 'start', 'coach'),
      coachEnd: meanOf(goal.key, 'end', 'coach'),
    })),
    followedUp: FOLLOW_UP_MONTHS.map((months) => ({ months, count: counts[`followedUp.${months}`] })),
    followUps: FOLLOW_UP_MONTHS.flatMap((months) =>
      OUTCOMES.map((outcome) => ({ months, outcome, count: counts[`followUp.${months}.${outcome}`] })),
    ),
    exploitationSigns: counts.signs,
  };
}

/** Which form the asker gets: the internal one only if asked and allowed; the published one otherwise refused without it. */
function formFor(who: Who, asked: Form): Form {
  if (asked === 'internal' && can(who.actor, 'coaching.reports')) return 'internal';
  if (asked === 'internal' || !can(who.actor, 'coaching.reports.published')) throw forbidden();
  return 'published';
}

async function goalsOf(ctx: AppContext, programmeId: string, version?: number) {
  let query = ctx.db.selectFrom('coaching_programme_versions').select(['goals', 'names']).where('programme_id', '=', programmeId);
  query = version === undefined ? query.orderBy('version', 'desc') : query.where('version', '=', version);
  return query.executeTakeFirst();
}

/** The programme's groups: every one for the published form, those in the asker's scope for the internal one. */
async function programmeGroups(ctx: AppContext, who: Who, programmeId: string, form: Form): Promise<string[]> {
  let query = ctx.db.selectFrom('coaching_groups').select('id').where('programme_id', '=', programmeId).orderBy('id');
  const scope = form === 'internal' ? groupsInScope(ctx.db, who.actor, 'coaching.groups') : null;
  if (scope) query = query.where('id', 'in', scope);
  return (await query.execute()).map((row) => row.id);
}

export async function groupReport(ctx: AppContext, who: Who, groupId: string, asked: Form): Promise<CoachingReport & { form: Form }> {
  const form = formFor(who, asked);
  await openGroup(ctx.db, who.actor, groupId);
  const group = await ctx.db.selectFrom('coaching_groups').selectAll().where('id', '=', groupId).executeTakeFirstOrThrow();
  const version = await goalsOf(ctx, group.programme_id, group.programme_version);
  // The published form of one group is its part of the programme's protection, the same in every report.
  const counts =
    form === 'internal'
      ? (await countsByGroup(ctx, [groupId])).get(groupId)!
      : publishedCounts(await countsByGroup(ctx, await programmeGroups(ctx, who, group.programme_id, form))).groups.get(groupId)!;
  return { form, name: group.name, ...(await report(ctx, [groupId], counts, (version?.goals as NamedItem[]) ?? [], form)) };
}

/**
 * A programme's groups together ("4 groups, 22 participants"): in the internal form those in the
 * asker's scope; the published form is the same for every reader, over all the programme's groups.
 */
export async function programmeReport(ctx: AppContext, who: Who, programmeId: string, asked: Form, language: Language) {
  const form = formFor(who, asked);
  const programme = await goalsOf(ctx, programmeId);
  const ids = await programmeGroups(ctx, who, programmeId, form);
  const byGroup = await countsByGroup(ctx, ids);
  const counts = form === 'internal' ? added(byGroup.values()) : publishedCounts(byGroup).programme;
  const names = programme?.names as Record<Language, string> | undefined;
  return {
    form,
    name: names?.[language] ?? programmeId,
    ...(await report(ctx, ids, counts, (programme?.goals as NamedItem[]) ?? [], form)),
  };
}

/** The report as rows for CSV and XLSX: four columns of words, then the figure (empty when hidden). */
export function reportRows(shown: CoachingReport, language: Language): string[][] {
  const t = (key: string, params?: Record<string, unknown>) => translate(language, `coaching.report.${key}`, params);
  const value = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  const rows = [[t('name'), t('section'), t('measure'), t('label'), t('value')]];
  const add = (section: string, measure: string, label: string, n: number | null | undefined) =>
    rows.push([shown.name ?? '', t(`sections.${section}`), measure, label, value(n)]);
  add('enrolments', 'groups', t('groups'), shown.groups);
  add('enrolments', 'enrolled', t('enrolled'), shown.enrolled);
  add('enrolments', 'completed', t('completed'), shown.completed);
  add('enrolments', 'left', t('left'), shown.left);
  add('enrolments', 'ongoing', t('ongoing'), shown.ongoing);
  add('enrolments', 'waiting', t('waiting'), shown.waiting);
  add('attendance', 'attendance_rate', t('attendanceRate'), shown.attendanceRate);
  for (const goal of shown.goals ?? []) {
    const goalName = goal.names?.[language] ?? goal.goal ?? '';
    for (const key of ['personStart', 'personEnd', 'coachStart', 'coachEnd'] as const)
      rows.push([
        shown.name ?? '',
        t('sections.goals'),
        `${goal.goal}.${key}`,
        `${goalName}: ${t(key)}`,
        goal[key] === null || goal[key] === undefined ? '' : String(goal[key]).replace('.', ','),
      ]);
  }
  for (const followedUp of shown.followedUp ?? [])
    add('followUps', `${followedUp.months}.all`, t('followedUp', { months: followedUp.months }), followedUp.count);
  for (const followUp of shown.followUps ?? [])
    add(
      'followUps',
      `${followUp.months}.${followUp.outcome}`,
      t('followUp', { months: followUp.months, outcome: t(`outcomes.${followUp.outcome}`) }),
      followUp.count,
    );
  add('followUps', 'exploitation_signs', t('exploitationSigns'), shown.exploitationSigns);
  return rows;
}
