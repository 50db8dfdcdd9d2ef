import type { AppContext } from '../../core/context.ts';
import { daysBetween } from '../../core/dates.ts';
import { listScope } from '../../core/policy/policy.ts';
import { auditListRead, type Who } from '../../core/record/access.ts';
import { personsInScope } from '../../core/record/persons.ts';
import { progressAreas } from './codes.ts';

/** Readings closer together than this say little about distance travelled: such a client is left out, and the report says so. */
export const MIN_DAYS_BETWEEN = 60;

/**
 * Distance travelled on the progress scale: for each area, the first and the latest reading of each
 * client in the reader's scope, averaged. Who is left out, and why, is counted on the report itself:
 * fewer than two readings, or the first and latest closer than MIN_DAYS_BETWEEN days.
 */
export async function distanceTravelled(ctx: AppContext, who: Who) {
  let query = ctx.db.selectFrom('pathway_progress').select(['person_id', 'read_on', 'scores']).orderBy('person_id').orderBy('read_on');
  const scope = personsInScope(ctx.db, who.actor, listScope(who.actor, 'pathway.reports'));
  if (scope) query = query.where('person_id', 'in', scope);
  const rows = await query.execute();
  const byClient = new Map<string, typeof rows>();
  for (const row of rows) byClient.set(row.person_id, [...(byClient.get(row.person_id) ?? []), row]);
  let fewerThanTwo = 0;
  let tooClose = 0;
  const included: Array<{ first: Record<string, number>; latest: Record<string, number> }> = [];
  for (const readings of byClient.values()) {
    if (readings.length < 2) fewerThanTwo++;
    else if (daysBetween(readings[0].read_on, readings[readings.length - 1].read_on) < MIN_DAYS_BETWEEN) tooClose++;
    else included.push({ first: readings[0].scores, latest: readings[readings.length - 1].scores });
  }
  const mean = (values: number[]) =>
    values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
  const areas = progressAreas.map((area) => {
    const pairs = included.filter((client) => client.first[area] !== undefined && client.latest[area] !== undefined);
    return {
      area,
      clients: pairs.length,
      first: mean(pairs.map((client) => client.first[area])),
      latest: mean(pairs.map((client) => client.latest[area])),
      change: mean(pairs.map((client) => client.latest[area] - client.first[area])),
    };
  });
  await auditListRead(ctx.db, ctx, who, 'pathway.reports', [...byClient.keys()]);
  return {
    clients: byClient.size,
    included: included.length,
    excluded: { fewerThanTwo, tooClose },
    minDaysBetween: MIN_DAYS_BETWEEN,
    areas,
  };
}
