import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import type { Actor, Relationship } from '../../core/policy/policy.ts';

/** The outer query's `persons` row has been admitted by a decision: a client, or one who was. */
export const hasAdmission = sql<boolean>`exists (select 1 from referrals r join decisions d on d.referral_id = r.id where r.person_id = persons.id and d.outcome = 'admitted')`;
/** A client recorded directly, before referrals existed in Polku, has no referral at all. */
export const hasReferral = sql<boolean>`exists (select 1 from referrals r where r.person_id = persons.id)`;

export const findClient = (db: Database, id: string) => db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();

/** How the actor stands to the client: the facts the policy decides on. */
export async function relationshipTo(db: Database, actor: Actor, client: { id: string; office_id: string | null }): Promise<{ relationship: Relationship; sharedGroups: string[] }> {
  const assigned = await db.selectFrom('client_assignments').select('account_id').where('client_id', '=', client.id).where('account_id', '=', actor.id).executeTakeFirst();
  if (assigned) return { relationship: 'assigned', sharedGroups: [] };
  if (actor.organisationId) {
    const share = await db.selectFrom('client_shares').select('field_groups').where('client_id', '=', client.id).where('organisation_id', '=', actor.organisationId).executeTakeFirst();
    if (share) return { relationship: 'shared', sharedGroups: share.field_groups };
  }
  return { relationship: client.office_id !== null && client.office_id === actor.officeId ? 'office' : 'none', sharedGroups: [] };
}

/** The clients an actor works with: a director all, staff their assigned ones, a partner those shared with their organisation. */
export function listClientsFor(db: Database, actor: Actor) {
  // A referred person becomes a client when admitted; until then they are in the intake queue only.
  let query = db.selectFrom('persons').select(['persons.id', 'persons.name', 'persons.office_id', 'persons.created_at'])
    .where((eb) => eb.or([eb.not(hasReferral), hasAdmission]))
    .orderBy(sql`persons.name is null`).orderBy('persons.created_at', 'desc').limit(500);
  if (actor.role === 'partner') {
    query = query.where('persons.id', 'in', db.selectFrom('client_shares').select('client_id').where('organisation_id', '=', actor.organisationId ?? ''));
  } else if (actor.role !== 'director') {
    query = query.where('persons.id', 'in', db.selectFrom('client_assignments').select('client_id').where('account_id', '=', actor.id));
  }
  return query.execute();
}

/** Every audit entry about one client, including list views that showed them. */
export function accessLogOf(db: Database, clientId: string) {
  return db.selectFrom('audit_log')
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor_role', 'audit_log.action', 'audit_log.outcome', 'audit_log.field_groups', 'audit_log.reason', 'accounts.display_name', 'accounts.organisation_id'])
    .where((eb) => eb.or([eb('audit_log.client_id', '=', clientId), sql<boolean>`audit_log.details -> 'clients' ? ${clientId}`]))
    .orderBy('audit_log.seq', 'desc')
    .limit(1000)
    .execute();
}
