import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { followUpTasks } from './followUps.ts';
import { lockGroupPlaces, unmetRequirement } from './participants.ts';
import { lastSessionDay } from './schedule.ts';
import { openGroup, openParticipant } from './scope.ts';
import type { LeavingInput, Requirement } from './schema.ts';

/** Who took the freed place, from which day, and who was passed over. */
type Leaving = { movedIn: { participantId: string; enrolledOn: string } | null; passedOver: string[] };

/**
 * A participant leaves the group: the last day in it and why. The place is freed at once and goes to
 * the waiting list (takeInFromWaitingList). Sessions after the last day are not expected of the person,
 * and their open tasks in the group (follow-ups, a reminder about absences) end with their place: one
 * who left did not complete, and is not followed up.
 */
export async function recordLeaving(
  ctx: AppContext,
  who: Who,
  groupId: string,
  participantId: string,
  input: LeavingInput,
): Promise<Leaving> {
  await openGroup(ctx.db, who.actor, groupId, 'coaching.groups.manage');
  await openParticipant(ctx.db, who.actor, 'coaching.participants.manage', participantId);
  return ctx.db.transaction().execute(async (trx) => {
    const group = await lockGroupPlaces(trx, groupId);
    const enrolment = await trx
      .selectFrom('coaching_enrolments')
      .select(['status', 'enrolled_on'])
      .where('group_id', '=', groupId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    if (!enrolment) throw notFound();
    if (enrolment.status === 'left') throw new AppError(409, 'coaching_left');
    if (enrolment.status === 'waiting') throw new AppError(409, 'coaching_not_enrolled');
    if (input.leftOn < enrolment.enrolled_on!)
      throw new AppError(400, 'validation_failed', {}, [{ field: 'leftOn', problem: 'before_enrolment' }]);
    await trx
      .updateTable('coaching_enrolments')
      .set({ status: 'left', left_on: input.leftOn })
      .where('group_id', '=', groupId)
      .where('participant_id', '=', participantId)
      .execute();
    const id = randomUUID();
    const note = input.note?.trim();
    await trx
      .insertInto('coaching_leavings')
      .values({
        id,
        group_id: groupId,
        participant_id: participantId,
        reason: input.reason,
        note: note ? ctx.cipher.encrypt(note, protectedContext('coaching_leavings', 'note', id)) : null,
        recorded_by: who.actor.id,
      })
      .execute();
    const ended = await trx
      .deleteFrom('coaching_tasks')
      .where('group_id', '=', groupId)
      .where('participant_id', '=', participantId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    const result = await takeInFromWaitingList(trx, groupId, group.capacity, group.requirements as Requirement[], input.leftOn);
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.leaving',
      outcome: 'succeeded',
      fieldGroups: ['coaching'],
      details: {
        group: groupId,
        participant: participantId,
        leftOn: input.leftOn,
        reason: input.reason,
        tasksEnded: Number(ended.numDeletedRows),
        movedIn: result.movedIn,
        passedOver: result.passedOver,
      },
    });
    return result;
  });
}

/**
 * The places free after a day go to those waiting, in the order they joined the list, from the
 * group's next session after that day. The entry requirements are checked again against what is
 * recorded of each person now: one who does not meet one is passed over and keeps the requirement,
 * so the coach sees why. Each coach gets a task to tell the person taken in; the follow-ups are set as
 * for any enrolment. After the group's last session nobody is taken in.
 */
async function takeInFromWaitingList(
  db: Database,
  groupId: string,
  capacity: number,
  requirements: Requirement[],
  afterDay: string,
): Promise<Leaving> {
  const result: Leaving = { movedIn: null, passedOver: [] };
  const next = await db
    .selectFrom('coaching_sessions')
    .select((eb) => eb.fn.min('on_day').as('day'))
    .where('group_id', '=', groupId)
    .where('on_day', '>', afterDay)
    .executeTakeFirst();
  const day = next?.day;
  if (!day) return result;
  const taken = await db
    .selectFrom('coaching_enrolments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('group_id', '=', groupId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  let free = capacity - Number(taken.n);
  const waiting = await db
    .selectFrom('coaching_enrolments as e')
    .innerJoin('coaching_participants as p', 'p.id', 'e.participant_id')
    .select(['p.id', 'p.gender', 'p.languages', 'p.scripts'])
    .where('e.group_id', '=', groupId)
    .where('e.status', '=', 'waiting')
    .orderBy('e.created_at')
    .orderBy('p.id')
    .execute();
  const coaches = await db.selectFrom('coaching_group_coaches').select('account_id').where('group_id', '=', groupId).execute();
  for (const person of waiting) {
    if (free <= 0) break;
    const unmet = unmetRequirement(requirements, person);
    const enrolment = db.updateTable('coaching_enrolments').where('group_id', '=', groupId).where('participant_id', '=', person.id);
    if (unmet) {
      await enrolment.set({ passed_over: JSON.stringify({ requirement: unmet, on: day }) }).execute();
      result.passedOver.push(person.id);
      continue;
    }
    await enrolment.set({ status: 'enrolled', enrolled_on: day, passed_over: null }).execute();
    await followUpTasks(db, groupId, person.id, await lastSessionDay(db, groupId));
    if (coaches.length > 0)
      await db
        .insertInto('coaching_tasks')
        .values(
          coaches.map((coach) => ({
            id: randomUUID(),
            group_id: groupId,
            participant_id: person.id,
            kind: 'waiting_list' as const,
            months: null,
            due_on: day,
            assignee_id: coach.account_id,
          })),
        )
        .execute();
    result.movedIn = { participantId: person.id, enrolledOn: day };
    free -= 1;
  }
  return result;
}
