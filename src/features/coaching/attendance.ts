import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { participantAccess } from '../../core/policy/policy.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { auditParticipantsRead, openName } from './participantReads.ts';
import { openGroup, participantsInScope } from './scope.ts';
import type { Attendance, AttendanceInput } from './schema.ts';

/** How many absences in a row make a reminder to the coaches to check on the person (not a sanction). */
export const ABSENCES_IN_A_ROW = 3;

/**
 * Each participant's attendance rate in one group, in whole per cent: present or late among the
 * sessions of this group the person was expected at. Excused sessions, sessions before the person
 * joined or after they left and sessions not yet marked are left out; another group's sessions never
 * count here.
 */
export async function attendanceRates(db: Database, groupId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('coaching_attendance as a')
    .innerJoin('coaching_sessions as s', 's.id', 'a.session_id')
    .innerJoin('coaching_enrolments as e', (join) =>
      join.onRef('e.participant_id', '=', 'a.participant_id').onRef('e.group_id', '=', 's.group_id'),
    )
    .select([
      'a.participant_id',
      sql<string>`count(*) filter (where a.mark in ('present', 'late'))`.as('attended'),
      sql<string>`count(*) filter (where a.mark in ('present', 'late', 'absent'))`.as('expected'),
    ])
    .where('s.group_id', '=', groupId)
    .where('e.status', 'in', ['enrolled', 'left'])
    .whereRef('s.on_day', '>=', 'e.enrolled_on')
    .where((eb) => eb.or([eb('e.left_on', 'is', null), eb('s.on_day', '<=', eb.ref('e.left_on'))]))
    .groupBy('a.participant_id')
    .execute();
  return new Map(
    rows
      .filter((row) => Number(row.expected) > 0)
      .map((row) => [row.participant_id, Math.round((100 * Number(row.attended)) / Number(row.expected))]),
  );
}

/** The group's attendance: its sessions, and each participant's mark at each, with their rate. */
export async function attendanceGrid(ctx: AppContext, who: Who, groupId: string): Promise<Attendance> {
  await openGroup(ctx.db, who.actor, groupId);
  const sessions = await ctx.db
    .selectFrom('coaching_sessions')
    .select(['id', 'number', 'on_day', 'content_type'])
    .where('group_id', '=', groupId)
    .orderBy('on_day')
    .orderBy('starts_at')
    .orderBy('number')
    .execute();
  let query = ctx.db
    .selectFrom('coaching_enrolments as e')
    .innerJoin('coaching_participants as p', 'p.id', 'e.participant_id')
    .select(['p.id', 'p.name', 'e.enrolled_on', 'e.left_on'])
    .where('e.group_id', '=', groupId)
    .where('e.status', 'in', ['enrolled', 'left'])
    .orderBy('e.created_at');
  const scope = participantsInScope(ctx.db, who.actor, 'coaching.participants');
  if (scope) query = query.where('p.id', 'in', scope);
  const people = await query.execute();
  const marks = people.length
    ? await ctx.db
        .selectFrom('coaching_attendance')
        .select(['session_id', 'participant_id', 'mark'])
        .where(
          'session_id',
          'in',
          sessions.map((s) => s.id),
        )
        .where(
          'participant_id',
          'in',
          people.map((p) => p.id),
        )
        .execute()
    : [];
  const markOf = new Map(marks.map((m) => [`${m.session_id}:${m.participant_id}`, m.mark]));
  const rates = await attendanceRates(ctx.db, groupId);
  await auditParticipantsRead(
    ctx,
    who,
    'coaching.attendance.read',
    people.map((p) => p.id),
    participantAccess(who.actor).read,
  );
  return {
    sessions: sessions.map((s) => ({ id: s.id, number: s.number, day: s.on_day, contentType: s.content_type })),
    participants: people.map((person) => ({
      id: person.id,
      name: openName(ctx, person.id, person.name),
      enrolledOn: person.enrolled_on!,
      leftOn: person.left_on,
      marks: sessions.map((s) => {
        if (s.on_day < person.enrolled_on!) return 'not_enrolled';
        if (person.left_on && s.on_day > person.left_on) return 'left';
        return markOf.get(`${s.id}:${person.id}`) ?? null;
      }),
      attendanceRate: rates.get(person.id) ?? null,
    })),
  };
}

/**
 * The marks of one session, for any of its participants at once. A mark for a person not enrolled
 * in the group, or for a session before they joined, refuses the whole entry. Three absences in a
 * row (excused sessions neither count nor break the run) give each coach a task to check on the person.
 */
export async function saveAttendance(ctx: AppContext, who: Who, groupId: string, sessionId: string, input: AttendanceInput) {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  const session = await ctx.db
    .selectFrom('coaching_sessions')
    .select(['id', 'on_day'])
    .where('id', '=', sessionId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  if (!session) throw notFound();
  const ids = input.marks.map((m) => m.participantId);
  const enrolled = await ctx.db
    .selectFrom('coaching_enrolments')
    .select(['participant_id', 'enrolled_on', 'left_on'])
    .where('group_id', '=', groupId)
    .where('status', 'in', ['enrolled', 'left'])
    .where('participant_id', 'in', ids)
    .execute();
  const enrolments = new Map(enrolled.map((e) => [e.participant_id, e]));
  const problems = input.marks.flatMap((mark, index) => {
    const enrolment = enrolments.get(mark.participantId);
    if (!enrolment) return [{ field: `marks/${index}/participantId`, problem: 'not_enrolled' }];
    if (session.on_day < enrolment.enrolled_on!) return [{ field: `marks/${index}/mark`, problem: 'not_enrolled_yet' }];
    return enrolment.left_on && session.on_day > enrolment.left_on ? [{ field: `marks/${index}/mark`, problem: 'left_group' }] : [];
  });
  if (new Set(ids).size !== ids.length) problems.push({ field: 'marks', problem: 'uniqueItems' });
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
  const raised: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const mark of input.marks)
      await trx
        .insertInto('coaching_attendance')
        .values({ session_id: sessionId, participant_id: mark.participantId, mark: mark.mark, recorded_by: who.actor.id })
        .onConflict((oc) =>
          oc.columns(['session_id', 'participant_id']).doUpdateSet({ mark: mark.mark, recorded_by: who.actor.id, recorded_at: new Date() }),
        )
        .execute();
    // One who has left is not checked on: the reminder is for those still in the group.
    for (const mark of input.marks.filter((m) => m.mark === 'absent' && !enrolments.get(m.participantId)?.left_on))
      if (await raiseAbsenceTask(trx, groupId, mark.participantId, session.on_day)) raised.push(mark.participantId);
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.attendance',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: { group: groupId, session: sessionId, participants: ids, absenceTasks: raised },
    });
  });
}

async function raiseAbsenceTask(db: Database, groupId: string, participantId: string, day: string): Promise<boolean> {
  const latest = await db
    .selectFrom('coaching_attendance as a')
    .innerJoin('coaching_sessions as s', 's.id', 'a.session_id')
    .select('a.mark')
    .where('s.group_id', '=', groupId)
    .where('a.participant_id', '=', participantId)
    .where('a.mark', '!=', 'excused')
    .where('s.on_day', '<=', day)
    .orderBy('s.on_day', 'desc')
    .orderBy('s.starts_at', 'desc')
    .limit(ABSENCES_IN_A_ROW)
    .execute();
  if (latest.length < ABSENCES_IN_A_ROW || latest.some((row) => row.mark !== 'absent')) return false;
  const open = await db
    .selectFrom('coaching_tasks')
    .select('id')
    .where('group_id', '=', groupId)
    .where('participant_id', '=', participantId)
    .where('kind', '=', 'absences')
    .where('done_at', 'is', null)
    .executeTakeFirst();
  if (open) return false;
  const coaches = await db.selectFrom('coaching_group_coaches').select('account_id').where('group_id', '=', groupId).execute();
  await db
    .insertInto('coaching_tasks')
    .values(
      coaches.map((coach) => ({
        id: randomUUID(),
        group_id: groupId,
        participant_id: participantId,
        kind: 'absences' as const,
        months: null,
        due_on: day,
        assignee_id: coach.account_id,
      })),
    )
    .execute();
  return true;
}
