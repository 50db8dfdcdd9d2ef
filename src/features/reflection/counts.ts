import type { Database } from '../../core/db/database.ts';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { listScope, type Actor } from '../../core/policy/policy.ts';
import { personsInScope } from '../../core/record/persons.ts';

/**
 * Reflection periods still running that end within 30, 14 and 7 days (each count includes the
 * nearer ones), in the overview's scope: the director all, staff their own clients'. Null when the
 * reader may not list them.
 */
export async function endingReflectionCounts(db: Database, actor: Actor) {
  const scope = listScope(actor, 'reflection.overview');
  if (scope === 'none') return null;
  const today = helsinkiDate();
  const within = (days: number) =>
    db.fn.sum<number>(db.case().when('reflection_periods.end_date', '<=', addDays(today, days)).then(1).else(0).end());
  let query = db
    .selectFrom('reflection_periods')
    .select([within(30).as('d30'), within(14).as('d14'), within(7).as('d7')])
    .where('reflection_periods.interrupted_on', 'is', null)
    .where('reflection_periods.end_date', '>=', today);
  const inScope = personsInScope(db, actor, scope);
  if (inScope) query = query.where('reflection_periods.person_id', 'in', inScope);
  const row = await query.executeTakeFirstOrThrow();
  return { within30Days: Number(row.d30 ?? 0), within14Days: Number(row.d14 ?? 0), within7Days: Number(row.d7 ?? 0) };
}
