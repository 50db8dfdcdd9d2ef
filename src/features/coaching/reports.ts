import { sql } from 'kysely';
import type { NamedItem } from '../../core/db/types.ts';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import { can } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/errors.ts';
import type { Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { SMALLEST_SHOWN } from '../statistics/index.ts';
import { groupsInScope, openGroup } from './scope.ts';
import type { CoachingReport } from './schema.ts';

type Form = 'internal' | 'published';

/**
 * A report of one group or of a programme's groups: enrolments, completion (enrolled and assessed at
 * the end), the attendance rate over every expected session, the goals at start and end (mean on the
 * 1–4 scale) and the follow-ups' outcomes. The published form hides, as the annual statistics do,
 * every count from 1 to 4, and a mean or rate that fewer than five people make.
 */
async function report(ctx: AppContext, groupIds: string[], goalItems: NamedItem[], form: Form): Promise<Omit<CoachingReport, 'name'>> {
  const none = groupIds.length === 0;
  const ids = none ? [''] : groupIds;
  const enrolments = await ctx.db
    .selectFrom('coaching_enrolments')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where(sql<boolean>`group_id::text = any(${ids})`)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(enrolments.find((row) => row.status === status)?.n ?? 0);
  const completed = await ctx.db
    .selectFrom('coaching_goal_scores')
    .select(sql<string>`count(distinct (group_id, participant_id))`.as('n'))
    .where(sql<boolean>`group_id::text = any(${ids})`)
    .where('phase', '=', 'end')
    .executeTakeFirstOrThrow();
  const attendance = await ctx.db
    .selectFrom('coaching_attendance as a')
    .innerJoin('coaching_sessions as s', 's.id', 'a.session_id')
    .select([
      sql<string>`count(*) filter (where a.mark in ('present', 'late'))`.as('attended'),
      sql<string>`count(*) filter (where a.mark in ('present', 'late', 'absent'))`.as('expected'),
      sql<string>`count(distinct a.participant_id) filter (where a.mark <> 'excused')`.as('people'),
    ])
    .where(sql<boolean>`s.group_id::text = any(${ids})`)
    .executeTakeFirstOrThrow();
  const goals = await ctx.db
    .selectFrom('coaching_goal_scores')
    .select(['goal', 'phase', 'assessor', sql<string>`avg(score)`.as('mean'), sql<string>`count(*)`.as('n')])
    .where(sql<boolean>`group_id::text = any(${ids})`)
    .groupBy(['goal', 'phase', 'assessor'])
    .execute();
  const followUps = await ctx.db
    .selectFrom('coaching_follow_ups')
    .select(['months', 'outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where(sql<boolean>`group_id::text = any(${ids})`)
    .groupBy(['months', 'outcome'])
    .execute();
  const signs = await ctx.db
    .selectFrom('coaching_follow_ups')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<boolean>`group_id::text = any(${ids})`)
    .where('exploitation_sign', '=', true)
    .executeTakeFirstOrThrow();
  const shown = (n: number) => (form === 'published' && n >= 1 && n < SMALLEST_SHOWN ? null : n);
  const meanOf = (goal: string, phase: string, assessor: string) => {
    const row = goals.find((g) => g.goal === goal && g.phase === phase && g.assessor === assessor);
    if (!row || (form === 'published' && Number(row.n) < SMALLEST_SHOWN)) return null;
    return Math.round(Number(row.mean) * 10) / 10;
  };
  const expected = Number(attendance.expected);
  return {
    groups: groupIds.length,
    enrolled: shown(count('enrolled')),
    waiting: shown(count('waiting')),
    completed: shown(Number(completed.n)),
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
    followUps: [3, 6, 12].flatMap((months) =>
      (['work', 'studies', 'looking_for_work', 'other'] as const).map((outcome) => ({
        months,
        outcome,
        count: shown(Number(followUps.find((row) => row.months === months && row.outcome === outcome)?.n ?? 0)),
      })),
    ),
    exploitationSigns: shown(Number(signs.n)),
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

export async function groupReport(ctx: AppContext, who: Who, groupId: string, asked: Form): Promise<CoachingReport & { form: Form }> {
  const form = formFor(who, asked);
  await openGroup(ctx.db, who.actor, groupId);
  const group = await ctx.db.selectFrom('coaching_groups').selectAll().where('id', '=', groupId).executeTakeFirstOrThrow();
  const version = await goalsOf(ctx, group.programme_id, group.programme_version);
  return { form, name: group.name, ...(await report(ctx, [groupId], (version?.goals as NamedItem[]) ?? [], form)) };
}

/** A programme's groups in the asker's scope, together ("4 groups, 22 participants"). */
export async function programmeReport(ctx: AppContext, who: Who, programmeId: string, asked: Form, language: Language) {
  const form = formFor(who, asked);
  const programme = await goalsOf(ctx, programmeId);
  let query = ctx.db.selectFrom('coaching_groups').select('id').where('programme_id', '=', programmeId);
  const scope = groupsInScope(ctx.db, who.actor, 'coaching.groups');
  if (scope) query = query.where('id', 'in', scope);
  const ids = (await query.execute()).map((row) => row.id);
  const names = programme?.names as Record<Language, string> | undefined;
  return { form, name: names?.[language] ?? programmeId, ...(await report(ctx, ids, (programme?.goals as NamedItem[]) ?? [], form)) };
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
  add('enrolments', 'waiting', t('waiting'), shown.waiting);
  add('enrolments', 'completed', t('completed'), shown.completed);
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
