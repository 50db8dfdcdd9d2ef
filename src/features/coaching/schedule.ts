import { randomUUID } from 'node:crypto';
import Holidays from 'date-holidays';
import ical from 'ical-generator';
import { appendAudit } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import type { NamedItem, Names } from '../../core/db/types.ts';
import { addDays, helsinkiInstant } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Language } from '../../core/i18n/i18n.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { moveFollowUps } from './followUps.ts';
import { openGroup, openParticipant } from './scope.ts';
import { auditParticipantsRead } from './participantReads.ts';
import type { ParticipantSchedule, SessionChange, Session } from './schema.ts';

/** Finnish public holidays from a kept holiday library (Easter and the days that move with it included). */
const finland = new Holidays('FI');
const holidaysByYear = new Map<number, Set<string>>();

export function isFinnishPublicHoliday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      finland
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days.has(day);
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * The days of a programme's sessions from a first day: each of the programme's weekdays in turn
 * that is not a public holiday gets the plan's next session, so a holiday moves the rest later and
 * no session is lost.
 */
export function planSessions(startsOn: string, weekdays: readonly number[], plan: readonly string[]) {
  const sessions: Array<{ number: number; contentType: string; day: string }> = [];
  // Twice the plan's length in weeks is more than any run of holidays could take.
  const lastDay = addDays(startsOn, 14 * Math.ceil(plan.length / Math.max(weekdays.length, 1)) + 14);
  for (let day = startsOn; sessions.length < plan.length && day <= lastDay; day = addDays(day, 1)) {
    if (weekdays.includes(isoWeekday(day)) && !isFinnishPublicHoliday(day))
      sessions.push({ number: sessions.length + 1, contentType: plan[sessions.length], day });
  }
  return sessions;
}

/** Writes a new group's schedule from the programme version it was made from. */
export async function generateSchedule(
  db: Database,
  groupId: string,
  startsOn: string,
  version: { weekdays: number[]; plan: string[]; session_start: string; session_minutes: number },
) {
  const sessions = planSessions(startsOn, version.weekdays, version.plan);
  if (sessions.length === 0) return;
  await db
    .insertInto('coaching_sessions')
    .values(
      sessions.map((session) => ({
        id: randomUUID(),
        group_id: groupId,
        number: session.number,
        content_type: session.contentType,
        on_day: session.day,
        planned_day: session.day,
        starts_at: version.session_start,
        minutes: version.session_minutes,
        teacher: null,
        place: null,
      })),
    )
    .execute();
}

const sessionRows = (db: Database, groupId: string) =>
  db.selectFrom('coaching_sessions').selectAll().where('group_id', '=', groupId).orderBy('on_day').orderBy('starts_at').orderBy('number');

export async function listSessions(ctx: AppContext, who: Who, groupId: string): Promise<Session[]> {
  await openGroup(ctx.db, who.actor, groupId);
  const rows = await sessionRows(ctx.db, groupId).execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    contentType: row.content_type,
    day: row.on_day,
    plannedDay: row.planned_day,
    startsAt: row.starts_at,
    minutes: row.minutes,
    teacher: row.teacher,
    place: row.place,
  }));
}

/** A session moved to another day or time, or given its teacher or guest lecturer and place. Never onto a public holiday. */
export async function changeSession(ctx: AppContext, who: Who, groupId: string, sessionId: string, change: SessionChange) {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  const session = await ctx.db
    .selectFrom('coaching_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  if (!session) throw notFound();
  if (isFinnishPublicHoliday(change.day)) throw new AppError(400, 'validation_failed', {}, [{ field: 'day', problem: 'public_holiday' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('coaching_sessions')
      .set({ on_day: change.day, starts_at: change.startsAt, teacher: change.teacher?.trim() || null, place: change.place?.trim() || null })
      .where('id', '=', sessionId)
      .execute();
    // Moving the last session moves the group's end, and the follow-ups not yet made with it.
    const followUpsMoved = await moveFollowUps(trx, groupId, await lastSessionDay(trx, groupId));
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.session.change',
      outcome: 'succeeded',
      details: { group: groupId, session: session.number, from: session.on_day, to: change.day, startsAt: change.startsAt, followUpsMoved },
    });
  });
}

/**
 * The group's sessions as an iCalendar feed for coaches' calendars: what, when and where, and
 * nothing about anyone: no participants, no teachers' names (a calendar travels to phones and
 * other services beyond Polku's control).
 */
export async function groupCalendar(ctx: AppContext, who: Who, groupId: string, language: Language): Promise<string> {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  const group = await ctx.db
    .selectFrom('coaching_groups as g')
    .innerJoin('coaching_programme_versions as v', (join) =>
      join.onRef('v.programme_id', '=', 'g.programme_id').onRef('v.version', '=', 'g.programme_version'),
    )
    .select(['g.name', 'g.place', 'v.content_types'])
    .where('g.id', '=', groupId)
    .executeTakeFirstOrThrow();
  const names = (group.content_types as NamedItem[]).reduce<Record<string, Names>>((all, item) => ({ ...all, [item.key]: item.names }), {});
  const calendar = ical({ name: group.name, prodId: { company: 'Polku', product: 'coaching', language: language.toUpperCase() } });
  for (const session of await sessionRows(ctx.db, groupId).execute()) {
    const start = new Date(helsinkiInstant(session.on_day, session.starts_at)!);
    calendar.createEvent({
      id: `${session.id}@polku`,
      start,
      end: new Date(start.getTime() + session.minutes * 60_000),
      summary: `${names[session.content_type]?.[language] ?? session.content_type} – ${group.name}`,
      location: session.place ?? group.place,
    });
  }
  return calendar.toString();
}

/** The day of a group's last session: when it ends. */
export async function lastSessionDay(db: Database, groupId: string): Promise<string | null> {
  const row = await db
    .selectFrom('coaching_sessions')
    .select((eb) => eb.fn.max('on_day').as('last'))
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return row?.last ?? null;
}

/**
 * A participant's own schedule: each group they are in now, its sessions from their first day, with
 * the place and the content's names. Opened by a coach to print and hand over, and audited as a read.
 */
export async function participantSchedule(ctx: AppContext, who: Who, participantId: string): Promise<ParticipantSchedule> {
  await openParticipant(ctx.db, who.actor, 'coaching.participants.manage', participantId);
  const enrolments = await ctx.db
    .selectFrom('coaching_enrolments as e')
    .innerJoin('coaching_groups as g', 'g.id', 'e.group_id')
    .innerJoin('coaching_programme_versions as v', (join) =>
      join.onRef('v.programme_id', '=', 'g.programme_id').onRef('v.version', '=', 'g.programme_version'),
    )
    .select(['g.id', 'g.name', 'g.place', 'v.content_types', 'e.enrolled_on'])
    .where('e.participant_id', '=', participantId)
    .where('e.status', '=', 'enrolled')
    .orderBy('g.starts_on')
    .execute();
  const groups = [];
  for (const enrolment of enrolments) {
    const names = new Map((enrolment.content_types as NamedItem[]).map((item) => [item.key, item.names]));
    const sessions = await sessionRows(ctx.db, enrolment.id).where('on_day', '>=', enrolment.enrolled_on!).execute();
    groups.push({
      groupId: enrolment.id,
      groupName: enrolment.name,
      sessions: sessions.map((session) => ({
        day: session.on_day,
        startsAt: session.starts_at,
        minutes: session.minutes,
        contentType: session.content_type,
        contentNames: names.get(session.content_type) ?? { fi: session.content_type, sv: session.content_type, en: session.content_type },
        place: session.place ?? enrolment.place,
      })),
    });
  }
  await auditParticipantsRead(ctx, who, 'coaching.participant.schedule', [participantId], ['coaching']);
  return { groups };
}
