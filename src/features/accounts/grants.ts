import { randomUUID } from 'node:crypto';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { can, type Actor, type Role } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { endAllSessions } from '../../server/sessions.ts';

/**
 * Separation of duties. An administrator's change that would let an account read client data waits
 * here as a pending grant; a director confirms or refuses it, and only a confirmation changes the
 * account. Nobody decides a grant to themselves or one they asked for.
 */

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/** What a grant gives: the account's role, placement and designation. */
export interface Access {
  role: Role;
  officeId: string | null;
  organisationId: string | null;
  decidesAdmissions: boolean;
}

export const actorWith = (id: string, access: Access): Actor => ({
  id,
  role: access.role,
  officeId: access.officeId,
  organisationId: access.organisationId,
  designatedOfficial: access.decidesAdmissions,
});

/** A newer change to an account replaces the one that waited: the administrator's latest word counts. */
export async function replacePendingGrant(trx: Database, accountId: string) {
  await trx
    .updateTable('account_grants')
    .set({ status: 'replaced', decided_at: new Date() })
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .execute();
}

export async function requestGrant(trx: Database, ctx: AppContext, who: Who, accountId: string, access: Access, newAccount: boolean) {
  await replacePendingGrant(trx, accountId);
  const id = randomUUID();
  await trx
    .insertInto('account_grants')
    .values({
      id,
      account_id: accountId,
      role: access.role,
      office_id: access.officeId,
      organisation_id: access.organisationId,
      decides_admissions: access.decidesAdmissions,
      new_account: newAccount,
      requested_by: who.actorId ?? null,
      requested_at: new Date(),
      status: 'pending',
      decided_by: null,
      decided_at: null,
    })
    .execute();
  await appendAudit(trx, ctx.keyring.auditKey, {
    ...who,
    action: 'accounts.grant_request',
    outcome: 'succeeded',
    details: {
      account: accountId,
      grant: id,
      role: access.role,
      officeId: access.officeId,
      organisationId: access.organisationId,
      decidesAdmissions: access.decidesAdmissions,
      newAccount,
    },
  });
  return id;
}

export const pendingGrants = (db: Database) => db.selectFrom('account_grants').selectAll().where('status', '=', 'pending');

export type Decision = 'confirmed' | 'refused';

export async function decideGrant(ctx: AppContext, who: Who & { actorId: string }, grantId: string, decision: Decision) {
  const action = decision === 'confirmed' ? 'accounts.grant_confirm' : 'accounts.grant_refuse';
  const grant = await ctx.db.selectFrom('account_grants').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!grant) throw notFound();
  if (grant.account_id === who.actorId || grant.requested_by === who.actorId) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, {
      ...who,
      action,
      outcome: 'denied',
      details: { grant: grantId, account: grant.account_id, reason: 'same_person' },
    });
    throw new AppError(403, 'grant_needs_another_person');
  }
  if (grant.status !== 'pending') throw new AppError(409, 'grant_not_pending');
  await ctx.db.transaction().execute(async (trx) => {
    // Only a grant still pending is decided: two directors deciding at once cannot both succeed.
    const decided = await trx
      .updateTable('account_grants')
      .set({ status: decision, decided_by: who.actorId, decided_at: new Date() })
      .where('id', '=', grantId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new AppError(409, 'grant_not_pending');
    if (decision === 'confirmed') {
      await trx
        .updateTable('accounts')
        .set({
          role: grant.role,
          office_id: grant.office_id,
          organisation_id: grant.organisation_id,
          decides_admissions: grant.decides_admissions,
          awaits_confirmation: false,
        })
        .where('id', '=', grant.account_id)
        .execute();
      // What the person may see changes: their open sessions end, as at any change of role.
      await endAllSessions(trx, grant.account_id);
    }
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action,
      outcome: 'succeeded',
      details: { grant: grantId, account: grant.account_id, role: grant.role },
    });
  });
  return (await listGrants(ctx, who.actorId)).find((item) => item.id === grantId)!;
}

/** Every pending grant, and the most recent decided ones, newest first. */
export async function listGrants(ctx: AppContext, viewerId: string) {
  const rows = await ctx.db
    .selectFrom('account_grants')
    .innerJoin('accounts as target', 'target.id', 'account_grants.account_id')
    .leftJoin('accounts as requester', 'requester.id', 'account_grants.requested_by')
    .leftJoin('accounts as decider', 'decider.id', 'account_grants.decided_by')
    .selectAll('account_grants')
    .select([
      'target.username',
      'target.display_name',
      'target.role as current_role',
      'target.awaits_confirmation',
      'requester.display_name as requester_name',
      'decider.display_name as decider_name',
    ])
    .where((eb) =>
      eb.or([
        eb('account_grants.status', '=', 'pending'),
        eb(
          'account_grants.id',
          'in',
          eb.selectFrom('account_grants').select('id').where('status', '!=', 'pending').orderBy('requested_at', 'desc').limit(RECENT),
        ),
      ]),
    )
    .orderBy('account_grants.requested_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    username: row.username,
    displayName: row.display_name,
    currentRole: row.awaits_confirmation ? null : row.current_role,
    role: row.role,
    officeId: row.office_id,
    organisationId: row.organisation_id,
    decidesAdmissions: row.decides_admissions,
    newAccount: row.new_account,
    requestedBy: row.requester_name,
    requestedAt: new Date(row.requested_at).toISOString(),
    status: row.status,
    decidedBy: row.decider_name,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidable: row.status === 'pending' && row.account_id !== viewerId && row.requested_by !== viewerId,
  }));
}

const RECENT = 50;

/** How many grants wait for a director (what the grants page lists as pending); null for a reader who decides none. */
export async function pendingGrantCount(db: Database, actor: Actor) {
  if (!can(actor, 'accounts.confirmGrants')) return null;
  const row = await pendingGrants(db)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
