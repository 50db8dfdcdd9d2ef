import type { FromSchema } from 'json-schema-to-ts';
import { integer, responseObject } from '../../server/schemaParts.ts';

const count = integer;
const optionalCount = { type: ['integer', 'null'] } as const;

/**
 * The home page's counts. Each is there only when the reader may list what it counts, and counts
 * only what that list would show them: a count of something hidden from the reader is absent, not 0.
 * Aggregates, no client's data: nothing here names or tells apart a person.
 */
export const overviewResponse = responseObject({
  referrals: responseObject({ waiting: count, oldestWaitedDays: optionalCount, matchesToConfirm: count }),
  sentReferralsWaiting: count,
  identificationWaiting: count,
  reflectionEnding: responseObject({ within30Days: count, within14Days: count, within7Days: count }),
  tasks: responseObject({ overdue: count, dueThisWeek: count }),
  pendingGrants: count,
  /** Anonymous consultations from the recognition guide waiting for an answer. */
  consultationsWaiting: count,
});
export type Overview = FromSchema<typeof overviewResponse>;
