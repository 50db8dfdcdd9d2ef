import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Actor, Relationship, Scope } from '../policy/policy.ts';

/** The outer query's `persons` row has been admitted by a decision: a client, or one who was. */
export const hasAdmission = sql<boolean>`exists (select 1 from referrals r join decisions d on d.referral_id = r.id where r.person_id = persons.id and d.outcome = 'admitted')`;
/** A client recorded directly, before referrals existed in Polku, has no referral at all. */
export const hasReferral = sql<boolean>`exists (select 1 from referrals r where r.person_id = persons.id)`;

/**
 * Assistance has ended: a termination after the last admission that no reopening followed. An ended
 * case is read-only but for what it still needs (policy.endedCaseWrites).
 */
export async function caseEnded(db: Database, personId: string): Promise<boolean> {
  const row = await sql<{ ended: boolean }>`
    select exists (
      select 1 from terminations t where t.person_id = ${personId}
        and t.at >= coalesce((select max(d.decided_at) from referrals r join decisions d on d.referral_id = r.id where r.person_id = ${personId} and d.outcome = 'admitted'), '-infinity')
        and not exists (select 1 from reopenings o where o.person_id = ${personId} and o.at >= t.at)
    ) as ended`.execute(db);
  return Boolean(row.rows[0]?.ended);
}

export const findClient = (db: Database, id: string) => db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();

/** How the actor stands to the client: the facts the policy decides on. */
export async function relationshipTo(
  db: Database,
  actor: Actor,
  client: { id: string; office_id: string | null },
): Promise<{ relationship: Relationship; sharedGroups: string[] }> {
  const assigned = await db
    .selectFrom('client_assignments')
    .select('account_id')
    .where('client_id', '=', client.id)
    .where('account_id', '=', actor.id)
    .executeTakeFirst();
  if (assigned) return { relationship: 'assigned', sharedGroups: [] };
  if (actor.organisationId) {
    const share = await db
      .selectFrom('client_shares')
      .select('field_groups')
      .where('client_id', '=', client.id)
      .where('organisation_id', '=', actor.organisationId)
      .executeTakeFirst();
    if (share) return { relationship: 'shared', sharedGroups: share.field_groups };
  }
  return { relationship: client.office_id !== null && client.office_id === actor.officeId ? 'office' : 'none', sharedGroups: [] };
}

/**
 * The ids of the persons in an actor's scope (policy.listScope), as a subquery for a list's `where
 * … in`; null when the scope is every client.
 */
export function personsInScope(db: Database, actor: Actor, scope: Scope) {
  if (scope === 'all') return null;
  if (scope === 'organisation')
    return db
      .selectFrom('client_shares')
      .select('client_id as id')
      .where('organisation_id', '=', actor.organisationId ?? '');
  if (scope === 'assigned') return db.selectFrom('client_assignments').select('client_id as id').where('account_id', '=', actor.id);
  return db
    .selectFrom('persons')
    .select('id')
    .where(sql<boolean>`false`);
}
