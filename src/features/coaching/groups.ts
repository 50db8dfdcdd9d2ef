import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { can, rolesAllowed } from '../../core/policy/policy.ts';
import { groupsInScope, inScope, openGroup } from './scope.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { currentProgrammeVersion } from './programmes.ts';
import { generateSchedule, lastSessionDay } from './schedule.ts';
import type { Coach, Group, GroupInput, GroupSummary, Requirement } from './schema.ts';

const summaryQuery = (db: Database) =>
  db
    .selectFrom('coaching_groups as g')
    .innerJoin('coaching_programme_versions as v', (join) =>
      join.onRef('v.programme_id', '=', 'g.programme_id').onRef('v.version', '=', 'g.programme_version'),
    )
    .select([
      'g.id',
      'g.name',
      'g.programme_id',
      'g.programme_version',
      'v.names',
      'g.starts_on',
      'g.place',
      'g.teaching_languages',
      'g.capacity',
      'g.requirements',
    ]);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const asSummary = (row: SummaryRow): GroupSummary => ({
  id: row.id,
  name: row.name,
  programmeId: row.programme_id,
  programmeVersion: row.programme_version,
  programmeNames: row.names,
  startsOn: row.starts_on,
  place: row.place,
  teachingLanguages: row.teaching_languages,
  capacity: row.capacity,
});

/** The groups in the actor's scope, the latest first. */
export async function listGroups(ctx: AppContext, who: Who): Promise<GroupSummary[]> {
  let query = summaryQuery(ctx.db).orderBy('g.starts_on', 'desc').orderBy('g.name').limit(500);
  const scope = groupsInScope(ctx.db, who.actor, 'coaching.groups');
  if (scope) query = query.where('g.id', 'in', scope);
  return (await query.execute()).map(asSummary);
}

export async function getGroup(ctx: AppContext, who: Who, id: string): Promise<Group> {
  await openGroup(ctx.db, who.actor, id);
  const row = await summaryQuery(ctx.db).where('g.id', '=', id).executeTakeFirstOrThrow();
  const coaches = await ctx.db
    .selectFrom('coaching_group_coaches')
    .innerJoin('accounts', 'accounts.id', 'coaching_group_coaches.account_id')
    .select(['accounts.id', 'accounts.display_name as name'])
    .where('group_id', '=', id)
    .orderBy('accounts.display_name')
    .execute();
  const partners = await ctx.db
    .selectFrom('coaching_group_partners')
    .innerJoin('organisations', 'organisations.id', 'coaching_group_partners.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('group_id', '=', id)
    .orderBy('organisations.name')
    .execute();
  return {
    ...asSummary(row),
    requirements: row.requirements as Requirement[],
    endsOn: await lastSessionDay(ctx.db, id),
    coaches,
    partners,
    mayManage: can(who.actor, 'coaching.groups.manage') && (await inScope(ctx.db, who.actor, 'coaching.groups.manage', id)),
  };
}

/** Who may coach a group: the active accounts whose role may run groups. */
export async function listCoaches(db: Database): Promise<Coach[]> {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name as name'])
    .where('role', 'in', rolesAllowed('coaching.groups.manage'))
    .where('disabled_at', 'is', null)
    .where('awaits_confirmation', '=', false)
    .orderBy('display_name')
    .execute();
}

/**
 * A new group from a programme's current template. The one who makes it coaches it (else they could
 * not see it); the other coaches must be accounts that may run groups.
 */
export async function createGroup(ctx: AppContext, who: Who, input: GroupInput): Promise<{ id: string }> {
  const programme = await currentProgrammeVersion(ctx.db, input.programmeId);
  if (!programme) throw new AppError(400, 'validation_failed', {}, [{ field: 'programmeId', problem: 'enum' }]);
  const coachIds = [...new Set([who.actor.id, ...input.coachIds])];
  const coaches = new Set((await listCoaches(ctx.db)).map((coach) => coach.id));
  if (coachIds.some((id) => !coaches.has(id)))
    throw new AppError(400, 'validation_failed', {}, [{ field: 'coachIds', problem: 'not_a_coach' }]);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coaching_groups')
      .values({
        id,
        programme_id: programme.programme_id,
        programme_version: programme.version,
        name: input.name.trim(),
        starts_on: input.startsOn,
        place: input.place.trim(),
        teaching_languages: input.teachingLanguages,
        capacity: input.capacity,
        requirements: JSON.stringify(input.requirements),
        created_by: who.actor.id,
      })
      .execute();
    await trx
      .insertInto('coaching_group_coaches')
      .values(coachIds.map((account_id) => ({ group_id: id, account_id })))
      .execute();
    if (input.partnerIds.length > 0)
      await trx
        .insertInto('coaching_group_partners')
        .values(input.partnerIds.map((organisation_id) => ({ group_id: id, organisation_id })))
        .execute();
    await generateSchedule(trx, id, input.startsOn, programme);
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'coaching.group.create',
      outcome: 'succeeded',
      details: { group: id, programme: programme.programme_id, version: programme.version, coaches: coachIds, partners: input.partnerIds },
    });
  });
  return { id };
}
