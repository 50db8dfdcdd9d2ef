import { randomInt, randomUUID } from 'node:crypto';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { grantNeedsConfirmation, type Role } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { hashPassword, passwordMatches, passwordProblem } from './passwords.ts';
import { endAllSessions } from '../../server/sessions.ts';
import { actorWith, replacePendingGrant, requestGrant, type Access } from './grants.ts';
import { actorOf } from '../../core/policy/actorOf.ts';
import { findAccountById, findAccountByUsername, pendingGrantOf, publicAccount } from './queries.ts';
import { requireKnownPlacement } from '../organisations/index.ts';
import type { AccountChanges, AccountInput } from './schema.ts';

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/** Partners belong to an organisation; assistance-system staff to an office. */
async function checkPlacement(ctx: AppContext, input: Pick<AccountInput, 'role' | 'officeId' | 'organisationId' | 'decidesAdmissions'>) {
  if (input.role === 'partner' && !input.organisationId) throw new AppError(400, 'organisation_required');
  if (['director', 'caseworker', 'nurse'].includes(input.role) && !input.officeId) throw new AppError(400, 'office_required');
  if (input.decidesAdmissions && input.role !== 'caseworker') throw new AppError(400, 'designation_for_caseworkers');
  await requireKnownPlacement(ctx.db, input);
}

/** A generated first password, shown once to the administrator who hands it over. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const chunk = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${chunk()}-${chunk()}-${chunk()}`;
}

/**
 * A new account. One whose role reads client data waits for a director's confirmation and cannot
 * log in until then: it has never had a session, so nothing it holds has to be taken back, and the
 * person is told at login why they cannot go on. `direct` is for an operator on the server (the
 * `polku user create` command) and the demo installation, who are not the administrator of the web.
 */
export async function createAccount(ctx: AppContext, who: Who, input: AccountInput, { direct = false }: { direct?: boolean } = {}) {
  await checkPlacement(ctx, input);
  const password = generatePassword();
  const problem = passwordProblem(password, input.username);
  if (problem) throw new AppError(400, problem);
  if (await findAccountByUsername(ctx.db, input.username)) throw new AppError(409, 'username_taken');
  const id = randomUUID();
  const access: Access = {
    role: input.role,
    officeId: input.officeId ?? null,
    organisationId: input.organisationId ?? null,
    decidesAdmissions: input.decidesAdmissions ?? false,
  };
  const waits = !direct && grantNeedsConfirmation(null, actorWith(id, access));
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('accounts')
      .values({
        id,
        username: input.username.trim().toLowerCase(),
        display_name: input.displayName,
        role: input.role,
        title: input.title ?? null,
        office_id: access.officeId,
        organisation_id: access.organisationId,
        language: input.language ?? 'fi',
        password_hash: passwordHash,
        decides_admissions: access.decidesAdmissions,
        awaits_confirmation: waits,
        // The administrator has seen the password: the person replaces it at first login.
        must_change_password: !direct,
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'accounts.create',
      outcome: 'succeeded',
      details: { account: id, role: input.role, awaitsConfirmation: waits },
    });
    if (waits) await requestGrant(trx, ctx, who, id, access, true);
  });
  return { account: await accountView(ctx, id), initialPassword: password };
}

/**
 * Changes an account. Its own role, placement or designation nobody changes (separation of duties).
 * A change that opens client data becomes a pending grant for a director, and the rest of the
 * change (name, title, language) is made at once; a change that opens nothing, or only takes away,
 * is made at once and ends the account's sessions.
 */
export async function updateAccount(ctx: AppContext, who: Who, id: string, changes: AccountChanges) {
  const account = await requireAccount(ctx, id);
  const role = (changes.role ?? account.role) as Role;
  const next: Access = {
    role,
    officeId: changes.officeId !== undefined ? changes.officeId : account.office_id,
    organisationId: changes.organisationId !== undefined ? changes.organisationId : account.organisation_id,
    decidesAdmissions: changes.decidesAdmissions ?? (changes.role && changes.role !== 'caseworker' ? false : account.decides_admissions),
  };
  await checkPlacement(ctx, next);
  const accessChanged =
    next.role !== account.role ||
    next.officeId !== account.office_id ||
    next.organisationId !== account.organisation_id ||
    next.decidesAdmissions !== account.decides_admissions;
  if (accessChanged && id === who.actorId) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, {
      ...who,
      action: 'accounts.update',
      outcome: 'denied',
      details: { account: id, reason: 'own_access', changed: Object.keys(changes).sort() },
    });
    throw new AppError(403, 'cannot_change_own_access');
  }
  // An account still waiting for its first confirmation has no access to compare with.
  const current = account.awaits_confirmation ? null : actorOf(account);
  const waits = accessChanged && grantNeedsConfirmation(current, actorWith(id, next));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        display_name: changes.displayName ?? account.display_name,
        title: changes.title !== undefined ? changes.title : account.title,
        language: changes.language ?? account.language,
      })
      .where('id', '=', id)
      .execute();
    if (waits) await requestGrant(trx, ctx, who, id, next, account.awaits_confirmation);
    else if (accessChanged) {
      // Nothing here opens client data (grantNeedsConfirmation), so a waiting new account may now log in.
      await trx
        .updateTable('accounts')
        .set({
          role: next.role,
          office_id: next.officeId,
          organisation_id: next.organisationId,
          decides_admissions: next.decidesAdmissions,
          awaits_confirmation: false,
        })
        .where('id', '=', id)
        .execute();
      await replacePendingGrant(trx, id);
      // A changed role or placement changes what the person may see: their open sessions end.
      await endAllSessions(trx, id);
    }
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'accounts.update',
      outcome: 'succeeded',
      details: { account: id, changed: Object.keys(changes).sort(), awaitsConfirmation: waits },
    });
  });
  return accountView(ctx, id);
}

/**
 * Disabling ends the account's sessions. Enabling again an account that opens client data gives
 * that access back, so it waits for a director like any other grant: the account is enabled but
 * cannot log in until a director confirms its access.
 */
export async function setAccountDisabled(ctx: AppContext, who: Who, id: string, disabled: boolean, { direct = false } = {}) {
  const account = await requireAccount(ctx, id);
  if (disabled && id === who.actorId) throw new AppError(409, 'cannot_disable_self');
  const access: Access = {
    role: account.role as Role,
    officeId: account.office_id,
    organisationId: account.organisation_id,
    decidesAdmissions: account.decides_admissions,
  };
  const waits = !disabled && !direct && account.disabled_at !== null && grantNeedsConfirmation(null, actorWith(id, access));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        disabled_at: disabled ? new Date() : null,
        failed_attempts: 0,
        locked_until: null,
        ...(waits ? { awaits_confirmation: true } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (disabled) await endAllSessions(trx, id);
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: disabled ? 'accounts.disable' : 'accounts.enable',
      outcome: 'succeeded',
      details: { account: id, ...(disabled ? {} : { awaitsConfirmation: waits }) },
    });
    if (waits) await requestGrant(trx, ctx, who, id, access, false);
  });
  return accountView(ctx, id);
}

/** The administrator confirms with their own password: a hijacked admin session alone cannot take over accounts. */
export async function resetMfa(ctx: AppContext, who: Who, id: string, adminPassword: string | null) {
  if (who.actorId) {
    const admin = await findAccountById(ctx.db, who.actorId);
    if (!admin || adminPassword === null || !(await passwordMatches(admin.password_hash, adminPassword))) {
      await appendAudit(ctx.db, ctx.keyring.auditKey, {
        ...who,
        action: 'accounts.reset_mfa',
        outcome: 'failed',
        details: { account: id, reason: 'reauthentication' },
      });
      throw new AppError(401, 'reauthentication_failed');
    }
  }
  await requireAccount(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ totp_enabled: false, totp_secret: null, totp_last_step: null, recovery_codes: [] })
      .where('id', '=', id)
      .execute();
    await endAllSessions(trx, id);
    await appendAudit(trx, ctx.keyring.auditKey, { ...who, action: 'accounts.reset_mfa', outcome: 'succeeded', details: { account: id } });
  });
  return accountView(ctx, id);
}

export async function endSessionsOf(ctx: AppContext, who: Who, id: string) {
  await requireAccount(ctx, id);
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await endAllSessions(trx, id);
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'accounts.end_sessions',
      outcome: 'succeeded',
      details: { account: id, ended },
    });
    return ended;
  });
}

export async function changeOwnPassword(ctx: AppContext, who: Who & { actorId: string }, currentPassword: string, newPassword: string) {
  const account = (await findAccountById(ctx.db, who.actorId))!;
  if (!(await passwordMatches(account.password_hash, currentPassword))) throw new AppError(401, 'reauthentication_failed');
  const problem = newPassword === currentPassword ? 'password_unchanged' : passwordProblem(newPassword, account.username);
  if (problem) throw new AppError(400, problem);
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, must_change_password: false })
      .where('id', '=', account.id)
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'accounts.change_password',
      outcome: 'succeeded',
      details: account.must_change_password ? { firstPassword: true } : null,
    });
  });
}

async function accountView(ctx: AppContext, id: string) {
  return publicAccount((await findAccountById(ctx.db, id))!, (await pendingGrantOf(ctx.db, id)) ?? null);
}

async function requireAccount(ctx: AppContext, id: string) {
  const account = await findAccountById(ctx.db, id);
  if (!account) throw notFound();
  return account;
}
