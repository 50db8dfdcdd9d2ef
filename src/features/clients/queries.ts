import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { listScope, type Actor } from '../../core/policy/policy.ts';
import { hasAdmission, hasReferral, personsInScope } from '../../core/record/persons.ts';

/** The clients an actor works with: a director all, staff their assigned ones, a partner those shared with their organisation. */
export function listClientsFor(db: Database, actor: Actor) {
  // A referred person becomes a client when admitted; until then they are in the intake queue only.
  const query = db
    .selectFrom('persons')
    .select(['persons.id', 'persons.name', 'persons.office_id', 'persons.created_at'])
    .where((eb) => eb.or([eb.not(hasReferral), hasAdmission]))
    .orderBy(sql`persons.name is null`)
    .orderBy('persons.created_at', 'desc')
    .limit(500);
  const inScope = personsInScope(db, actor, listScope(actor, 'clients.list'));
  return (inScope ? query.where('persons.id', 'in', inScope) : query).execute();
}

/**
 * Every audit entry about one client, including list views that showed them, in the order written
 * (an entry of a moment ago shows before it is linked into the chain).
 */
export function accessLogOf(db: Database, clientId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor_id')
    .select([
      'audit_log.at',
      'audit_log.actor_role',
      'audit_log.action',
      'audit_log.outcome',
      'audit_log.field_groups',
      'audit_log.reason',
      'accounts.display_name',
      'accounts.organisation_id',
    ])
    .where((eb) => eb.or([eb('audit_log.client_id', '=', clientId), sql<boolean>`audit_log.details -> 'clients' ? ${clientId}`]))
    .orderBy('audit_log.entry_id', 'desc')
    .limit(1000)
    .execute();
}
