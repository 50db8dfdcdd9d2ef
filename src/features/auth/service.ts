import { appendAudit } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Account } from '../../core/db/types.ts';
import type { AppContext } from '../../server/context.ts';
import { findAccountById, findAccountByUsername } from '../accounts/queries.ts';
import { passwordMatches, spendPasswordCheck } from './passwords.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recoveryCodes.ts';
import { createSession, endSession, type SessionRow } from './sessions.ts';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.ts';

interface Origin { ip: string | null }

/** Step one: the password. A correct one opens a half-way session that only the second factor can complete. */
export async function loginWithPassword(ctx: AppContext, input: { username: string; password: string } & Origin) {
  const account = await findAccountByUsername(ctx.db, input.username);
  if (!account || account.disabled_at) {
    await spendPasswordCheck(input.password);
    await appendAudit(ctx.db, ctx.keyring.auditKey, { action: 'auth.login', outcome: 'failed', ip: input.ip, details: { reason: account ? 'disabled' : 'unknown_account' }, actorId: account?.id });
    throw new AppError(401, 'invalid_credentials');
  }
  assertNotLocked(account);
  if (!(await passwordMatches(account.password_hash, input.password))) {
    await recordFailure(ctx, account, 'auth.login', input.ip);
  }
  // Told only after the right password: a stranger does not learn that the account exists or waits.
  if (account.awaits_confirmation) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, { action: 'auth.login', outcome: 'failed', actorId: account.id, actorRole: account.role, ip: input.ip, details: { reason: 'awaiting_confirmation' } });
    throw new AppError(403, 'account_awaits_confirmation');
  }
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ failed_attempts: 0 }).where('id', '=', account.id).execute();
    const stage = account.totp_enabled ? 'mfa_verify' : 'mfa_enrol';
    const created = await createSession(trx, account.id, stage, input.ip);
    await appendAudit(trx, ctx.keyring.auditKey, { action: 'auth.password', outcome: 'succeeded', actorId: account.id, actorRole: account.role, ip: input.ip });
    return { ...created, stage };
  });
}

/** The secret is created once and kept (encrypted) until enrolment completes, so reloading the page shows the same QR code. */
export async function startTotpEnrolment(ctx: AppContext, session: SessionRow) {
  const account = await requireStage(ctx, session, 'mfa_enrol');
  const context = protectedContext('accounts', 'totp_secret', account.id);
  let secret = ctx.cipher.decryptOptional(account.totp_secret, context);
  if (!secret) {
    secret = newTotpSecret();
    await ctx.db.updateTable('accounts').set({ totp_secret: ctx.cipher.encrypt(secret, context) }).where('id', '=', account.id).execute();
  }
  return totpEnrolment(secret, account.username);
}

export async function completeTotpEnrolment(ctx: AppContext, session: SessionRow, code: string, ip: string | null) {
  const account = await requireStage(ctx, session, 'mfa_enrol');
  const secret = ctx.cipher.decryptOptional(account.totp_secret, protectedContext('accounts', 'totp_secret', account.id));
  const step = secret ? await checkTotp(secret, code, account.totp_last_step) : null;
  if (step === null) await recordFailure(ctx, account, 'auth.mfa_enrol', ip);
  const recovery = newRecoveryCodes();
  const login = await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ totp_enabled: true, totp_last_step: step, recovery_codes: recovery.hashes, failed_attempts: 0 }).where('id', '=', account.id).execute();
    return completeLogin(ctx, trx, session, account, ip, 'totp_enrolled');
  });
  return { ...login, recoveryCodes: recovery.codes };
}

export async function verifySecondFactor(ctx: AppContext, session: SessionRow, input: { code?: string; recoveryCode?: string }, ip: string | null) {
  const account = await requireStage(ctx, session, 'mfa_verify');
  let update: { totp_last_step?: number; recovery_codes?: string[] } | null = null;
  if (input.code) {
    const secret = ctx.cipher.decrypt(account.totp_secret!, protectedContext('accounts', 'totp_secret', account.id));
    const step = await checkTotp(secret, input.code, account.totp_last_step);
    if (step !== null) update = { totp_last_step: step };
  } else if (input.recoveryCode) {
    const used = hashRecoveryCode(input.recoveryCode);
    if (account.recovery_codes.includes(used)) update = { recovery_codes: account.recovery_codes.filter((code) => code !== used) };
  }
  if (!update) await recordFailure(ctx, account, 'auth.mfa', ip);
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ ...update, failed_attempts: 0 }).where('id', '=', account.id).execute();
    return completeLogin(ctx, trx, session, account, ip, input.code ? 'totp' : 'recovery_code');
  });
}

/** A new token at full login: a token seen before the second factor never becomes a logged-in session. */
async function completeLogin(ctx: AppContext, trx: AppContext['db'], session: SessionRow, account: Account, ip: string | null, method: string) {
  await endSession(trx, session.id);
  const created = await createSession(trx, account.id, 'complete', ip);
  await appendAudit(trx, ctx.keyring.auditKey, { action: 'auth.login', outcome: 'succeeded', actorId: account.id, actorRole: account.role, ip, details: { method } });
  return created;
}

async function requireStage(ctx: AppContext, session: SessionRow, stage: string): Promise<Account> {
  if (session.stage !== stage) throw new AppError(409, 'wrong_login_step');
  const account = await findAccountById(ctx.db, session.account_id);
  if (!account || account.disabled_at || account.awaits_confirmation) throw new AppError(401, 'invalid_credentials');
  assertNotLocked(account);
  return account;
}

function assertNotLocked(account: Account) {
  if (account.locked_until && new Date(account.locked_until) > new Date()) {
    throw new AppError(423, 'account_locked', { until: new Date(account.locked_until) });
  }
}

/** Wrong passwords and wrong codes count together; enough of them lock the account for a while. Always throws. */
async function recordFailure(ctx: AppContext, account: Account, action: string, ip: string | null): Promise<never> {
  const { maxFailures, lockMinutes } = ctx.config.loginLimits;
  const failures = account.failed_attempts + 1;
  const lockedUntil = failures >= maxFailures ? new Date(Date.now() + lockMinutes * 60_000) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set(lockedUntil ? { failed_attempts: 0, locked_until: lockedUntil } : { failed_attempts: failures }).where('id', '=', account.id).execute();
    await appendAudit(trx, ctx.keyring.auditKey, { action, outcome: 'failed', actorId: account.id, actorRole: account.role, ip, details: lockedUntil ? { locked: true } : { failures } });
  });
  if (lockedUntil) throw new AppError(423, 'account_locked', { until: lockedUntil });
  throw new AppError(401, action === 'auth.login' ? 'invalid_credentials' : 'invalid_code', { remaining: maxFailures - failures });
}
