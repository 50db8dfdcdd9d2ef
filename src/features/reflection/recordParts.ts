import { sql } from 'kysely';
import { addDays, daysBetween } from '../../core/dates.ts';
import type { RecordPart } from '../../core/record/recordPart.ts';
import { reflectionSchema } from './schema.ts';
import { effectiveEnd, warningLevel } from './service.ts';

/** How near the end a period is: 30, 14 or 7 days, or ended. */

/** The reflection periods on a client's record, each with the warning its end calls for. */
export const reflectionPart: RecordPart<typeof reflectionSchema, 'reflectionPeriods'> = {
  key: 'reflectionPeriods',
  group: 'immigration',
  schema: reflectionSchema,
  staff: (clientId) => sql`select recorded_by from reflection_periods where person_id = ${clientId}`,
  async read({ ctx, clientId, today, nameOf }) {
    const periods = await ctx.db
      .selectFrom('reflection_periods')
      .selectAll()
      .where('person_id', '=', clientId)
      .orderBy('start_date')
      .execute();
    return {
      value: periods.map((row) => {
        const end = effectiveEnd(row);
        const daysLeft = daysBetween(today, end);
        return {
          grantedBy: row.granted_by,
          start: row.start_date,
          end: row.end_date,
          grantedEnd: row.granted_end_date ?? row.end_date,
          interruptedOn: row.interrupted_on,
          active: row.start_date <= today && end >= today,
          daysLeft,
          // An interrupted period has ended on purpose: nothing to warn about.
          warning: !row.interrupted_on && end >= addDays(today, -7) ? warningLevel(daysLeft) : null,
        };
      }),
      timeline: periods.map((row) => ({
        day: row.start_date,
        kind: 'reflection_granted',
        detail: row.granted_by,
        by: nameOf(row.recorded_by),
      })),
    };
  },
};
