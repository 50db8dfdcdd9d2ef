import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { hasAdmission, hasReferral } from '../../core/record/persons.ts';

/** Admitted by a decision (or recorded directly as a client). Whether assistance has ended is `isTerminated`. */
export async function isClient(db: Database, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('persons')
    .select([hasAdmission.as('admitted'), hasReferral.as('referred')])
    .where('id', '=', personId)
    .executeTakeFirst();
  return row !== undefined && (row.admitted || !row.referred);
}

/** Terminated after the last admission. */
export async function isTerminated(db: Database, personId: string): Promise<boolean> {
  const row = await sql<{ ended: boolean }>`
    select exists (
      select 1 from terminations t where t.person_id = ${personId}
        and t.at >= coalesce((select max(d.decided_at) from referrals r join decisions d on d.referral_id = r.id where r.person_id = ${personId} and d.outcome = 'admitted'), '-infinity')
    ) as ended`.execute(db);
  return Boolean(row.rows[0]?.ended);
}
