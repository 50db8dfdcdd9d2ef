import type { Database } from '../../core/db/database.ts';
import { caseEnded, hasAdmission, hasReferral } from '../../core/record/persons.ts';

/** Admitted by a decision (or recorded directly as a client). Whether assistance has ended is `isTerminated`. */
export async function isClient(db: Database, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('persons')
    .select([hasAdmission.as('admitted'), hasReferral.as('referred')])
    .where('id', '=', personId)
    .executeTakeFirst();
  return row !== undefined && (row.admitted || !row.referred);
}

/** Terminated after the last admission, and not reopened since. */
export const isTerminated = caseEnded;
