import type { Database } from '../../core/db/database.ts';
import type { Account, AccountGrant } from '../../core/db/types.ts';

export const findAccountById = (db: Database, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

export const findAccountByUsername = (db: Database, username: string) =>
  db.selectFrom('accounts').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();

export const pendingGrantOf = (db: Database, accountId: string) =>
  db.selectFrom('account_grants').selectAll().where('account_id', '=', accountId).where('status', '=', 'pending').executeTakeFirst();

/** What an account may show of itself and what an administrator sees of accounts: never secrets. */
export function publicAccount(account: Account, pendingGrant: AccountGrant | null = null) {
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    role: account.role,
    title: account.title,
    officeId: account.office_id,
    organisationId: account.organisation_id,
    language: account.language,
    mfaEnabled: account.totp_enabled,
    disabled: account.disabled_at !== null,
    decidesAdmissions: account.decides_admissions,
    lockedUntil: account.locked_until ? new Date(account.locked_until).toISOString() : null,
    awaitsConfirmation: account.awaits_confirmation,
    mustChangePassword: account.must_change_password,
    pendingGrant: pendingGrant && {
      id: pendingGrant.id,
      role: pendingGrant.role,
      officeId: pendingGrant.office_id,
      organisationId: pendingGrant.organisation_id,
      decidesAdmissions: pendingGrant.decides_admissions,
      requestedAt: new Date(pendingGrant.requested_at).toISOString(),
    },
  };
}
