import type { Database } from '../../core/db/database.ts';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { listScope, type Actor } from '../../core/policy/policy.ts';

/** The last day (Sunday) of the week a Helsinki day is in. */
export const endOfWeek = (day: string) => addDays(day, (7 - new Date(`${day}T00:00:00Z`).getUTCDay()) % 7);

/**
 * The reader's own open tasks (what their task list shows) that are overdue, and that are due from
 * today to the end of this week. Null when the reader has no task list.
 */
export async function taskCounts(db: Database, actor: Actor) {
  if (listScope(actor, 'tasks.mine') === 'none') return null;
  const today = helsinkiDate();
  const row = await db
    .selectFrom('client_tasks')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('due_on', '>=', today), eb('due_on', '<=', endOfWeek(today))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('week'),
    ])
    .where('assignee_id', '=', actor.id)
    .where('done_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { overdue: Number(row.overdue ?? 0), dueThisWeek: Number(row.week ?? 0) };
}
