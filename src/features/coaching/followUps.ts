import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { addMonths } from '../../core/dates.ts';

/** The follow-ups after a group ends: 3, 6 and 12 months from its last session. */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;

/** Follow-ups for one participant after the group's last session (`endsOn`), a task for each of its coaches. */
export async function followUpTasks(db: Database, groupId: string, participantId: string, endsOn: string | null) {
  if (!endsOn) return;
  const coaches = await db.selectFrom('coaching_group_coaches').select('account_id').where('group_id', '=', groupId).execute();
  const tasks = FOLLOW_UP_MONTHS.flatMap((months) =>
    coaches.map((coach) => ({
      id: randomUUID(),
      group_id: groupId,
      participant_id: participantId,
      kind: 'follow_up' as const,
      months,
      due_on: addMonths(endsOn, months),
      assignee_id: coach.account_id,
    })),
  );
  if (tasks.length > 0) await db.insertInto('coaching_tasks').values(tasks).execute();
}

/**
 * The group's follow-ups not yet made follow its last session when that moves: each is due its
 * months after the new last day. Those made stay as they were.
 */
export async function moveFollowUps(db: Database, groupId: string, endsOn: string | null): Promise<number> {
  if (!endsOn) return 0;
  let moved = 0;
  for (const months of FOLLOW_UP_MONTHS) {
    const result = await db
      .updateTable('coaching_tasks')
      .set({ due_on: addMonths(endsOn, months) })
      .where('group_id', '=', groupId)
      .where('kind', '=', 'follow_up')
      .where('months', '=', months)
      .where('done_at', 'is', null)
      .where(sql<boolean>`due_on <> ${addMonths(endsOn, months)}::date`)
      .executeTakeFirst();
    moved += Number(result.numUpdatedRows);
  }
  return moved;
}
