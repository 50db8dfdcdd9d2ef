import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';

/** Admitted by a decision and not terminated since: the client is in assistance now. */
export async function isClient(db: Database, personId: string): Promise<boolean> {
  const admitted = await db.selectFrom('referrals').innerJoin('decisions', 'decisions.referral_id', 'referrals.id')
    .select('decisions.decided_at').where('referrals.person_id', '=', personId).where('decisions.outcome', '=', 'admitted').executeTakeFirst();
  if (admitted) return true;
  // A client recorded directly, before referrals existed in Polku, has no referral at all.
  const referral = await db.selectFrom('referrals').select('id').where('person_id', '=', personId).executeTakeFirst();
  return !referral;
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
