import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { notFound } from '../../core/errors.ts';
import { listScope, participantScope, type Action, type Actor } from '../../core/policy/policy.ts';

/**
 * The groups an actor works on for an action, as a subquery for `where id in`, or null for every
 * group: the policy's scope read for groups: `assigned` the groups they coach, `organisation` those
 * their organisation co-organises.
 */
export function groupsInScope(db: Database, actor: Actor, action: Action) {
  const scope = listScope(actor, action);
  if (scope === 'all') return null;
  if (scope === 'assigned') return db.selectFrom('coaching_group_coaches').select('group_id as id').where('account_id', '=', actor.id);
  if (scope === 'organisation')
    return db
      .selectFrom('coaching_group_partners')
      .select('group_id as id')
      .where('organisation_id', '=', actor.organisationId ?? '');
  return db
    .selectFrom('coaching_groups')
    .select('id')
    .where(sql<boolean>`false`);
}

export async function inScope(db: Database, actor: Actor, action: Action, groupId: string): Promise<boolean> {
  let query = db.selectFrom('coaching_groups').select('id').where('id', '=', groupId);
  const scope = groupsInScope(db, actor, action);
  if (scope) query = query.where('id', 'in', scope);
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * A group the actor may see, or a 404: a group outside the actor's scope is as unknown to them as
 * one that does not exist.
 */
export async function openGroup(db: Database, actor: Actor, groupId: string, action: Action = 'coaching.groups') {
  if (!(await inScope(db, actor, action, groupId))) throw notFound();
}

/**
 * The participants an actor reaches with an action, as a subquery for `where id in`, or null for
 * every one: the policy's participantScope read for participants. A coach reaches those in the
 * groups they coach and those they recorded (before enrolment); a partner those whose consent shares
 * their coaching data with the partner's organisation.
 */
export function participantsInScope(db: Database, actor: Actor, action: Action) {
  const scope = participantScope(actor, action);
  if (scope === 'all') return null;
  if (scope === 'assigned')
    return db
      .selectFrom('coaching_participants')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('created_by', '=', actor.id),
          eb(
            'id',
            'in',
            eb
              .selectFrom('coaching_enrolments')
              .innerJoin('coaching_group_coaches', 'coaching_group_coaches.group_id', 'coaching_enrolments.group_id')
              .select('coaching_enrolments.participant_id')
              .where('coaching_group_coaches.account_id', '=', actor.id),
          ),
        ]),
      );
  if (scope === 'organisation')
    return db
      .selectFrom('coaching_participants')
      .select('id')
      .where(sql<boolean>`${actor.organisationId ?? ''} = any(shared_with)`);
  return db
    .selectFrom('coaching_participants')
    .select('id')
    .where(sql<boolean>`false`);
}

/** A participant the actor may reach with the action, or a 404, as for a group. */
export async function openParticipant(db: Database, actor: Actor, action: Action, participantId: string) {
  let query = db.selectFrom('coaching_participants').selectAll().where('id', '=', participantId);
  const scope = participantsInScope(db, actor, action);
  if (scope) query = query.where('id', 'in', scope);
  const participant = await query.executeTakeFirst();
  if (!participant) throw notFound();
  return participant;
}
