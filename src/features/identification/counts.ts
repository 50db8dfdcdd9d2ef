import type { Database } from '../../core/db/database.ts';
import { listScope, type Actor } from '../../core/policy/policy.ts';
import { personsInScope } from '../../core/record/persons.ts';

/** Clients waiting for official identification, in the queue's scope; null when the reader may not list the queue. */
export async function identificationWaitingCount(db: Database, actor: Actor) {
  const scope = listScope(actor, 'identification.queue');
  if (scope === 'none') return null;
  let query = db
    .selectFrom('identifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('identifications.decided_at', 'is', null);
  const inScope = personsInScope(db, actor, scope);
  if (inScope) query = query.where('identifications.person_id', 'in', inScope);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
