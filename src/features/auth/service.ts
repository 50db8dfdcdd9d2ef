import { sql } from 'kysely';
import { appendAudit } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Account } from '../../core/db/types.ts';
import type { AppContext } from '../../server/context.ts';
import { findAccountById, findAccountByUsername, passwordMatches, spendPasswordCheck } from '../accounts/index.ts';
import { attemptFailed, attemptSucceeded, loginCompleted, reserveAttempt } from './loginThrottle.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recoveryCodes.ts';
import { createSession, endSession, type SessionRow } from '../../server/sessions.ts';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.ts';
import type { Login, SecondFactor } from './schema.ts';

interface Origin {
  ip: string | null;
}

/**
 * Step one: the password. A correct one opens a half-way session that only the second factor can
 * complete. A username without an account (or a disabled one) takes the same path and the same
 * time: the throttle is reserved and counted by username, and a dummy hash is verified.
 */
export async function loginWithPassword(ctx: AppContext, input: Login & Origin) {
  await reserveAttempt(ctx.db, input.username, input.ip);
  const found = await findAccountByUsername(ctx.db, input.username);
  const account = found && !found.disabled_at ? found : null;
  const matches = account ? await passwordMatches(account.password_hash, input.password) : await spendPasswordCheck(input.password);
  if (!account || !matches) {
    const details = account ? undefined : { reason: found ? 'disabled' : 'unknown_account' };
    return recordFailure(ctx, found ?? null, input.username, 'auth.login', input.ip, details);
  }
  // Told only after the right password: a stranger does not learn that the account exists or waits.
  if (account.awaits_confirmation) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, {
      action: 'auth.login',
      outcome: 'failed',
      actorId: account.id,
      actorRole: account.role,
      ip: input.ip,
      details: { reason: 'awaiting_confirmation' },
    });
    throw new AppError(403, 'account_awaits_confirmation');
  }
  await attemptSucceeded(ctx.db, account.username, input.ip);
  return ctx.db.transaction().execute(async (trx) => {
    const stage = account.totp_enabled ? 'mfa_verify' : 'mfa_enrol';
    const created = await createSession(trx, account.id, stage, input.ip);
    await appendAudit(trx, ctx.keyring.auditKey, {
      action: 'auth.password',
      outcome: 'succeeded',
      actorId: account.id,
      actorRole: account.role,
      ip: input.ip,
    });
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
    await ctx.db
      .updateTable('accounts')
      .set({ totp_secret: ctx.cipher.encrypt(secret, context) })
      .where('id', '=', account.id)
      .execute();
  }
  return totpEnrolment(secret, account.username);
}

export async function completeTotpEnrolment(ctx: AppContext, session: SessionRow, code: string, ip: string | null) {
  const account = await requireStage(ctx, session, 'mfa_enrol');
  await reserveAttempt(ctx.db, account.username, ip);
  const secret = ctx.cipher.decryptOptional(account.totp_secret, protectedContext('accounts', 'totp_secret', account.id));
  const step = secret ? await checkTotp(secret, code, account.totp_last_step) : null;
  if (step === null) return recordFailure(ctx, account, account.username, 'auth.mfa_enrol', ip);
  const recovery = newRecoveryCodes();
  const login = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ totp_enabled: true, totp_last_step: step, recovery_codes: recovery.hashes })
      .where('id', '=', account.id)
      .execute();
    return completeLogin(ctx, trx, session, account, ip, 'totp_enrolled');
  });
  return { ...login, recoveryCodes: recovery.codes };
}

export async function verifySecondFactor(ctx: AppContext, session: SessionRow, input: SecondFactor, ip: string | null) {
  const account = await requireStage(ctx, session, 'mfa_verify');
  await reserveAttempt(ctx.db, account.username, ip);
  let update: { totp_last_step?: number; recovery_codes?: string[] } | null = null;
  if (input.code) {
    const secret = ctx.cipher.decrypt(account.totp_secret!, protectedContext('accounts', 'totp_secret', account.id));
    const step = await checkTotp(secret, input.code, account.totp_last_step);
    if (step !== null) update = { totp_last_step: step };
  } else if (input.recoveryCode) {
    const used = hashRecoveryCode(input.recoveryCode);
    if (account.recovery_codes.includes(used)) update = { recovery_codes: account.recovery_codes.filter((code) => code !== used) };
  }
  if (!update) return recordFailure(ctx, account, account.username, 'auth.mfa', ip);
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set(update).where('id', '=', account.id).execute();
    return completeLogin(ctx, trx, session, account, ip, input.code ? 'totp' : 'recovery_code');
  });
}

/**
 * A new token at full login: a token seen before the second factor never becomes a logged-in
 * session. The failed logins since the previous login move to the new session, which tells the
 * owner about them, and the account's count starts again.
 */
async function completeLogin(
  ctx: AppContext,
  trx: AppContext['db'],
  session: SessionRow,
  account: Account,
  ip: string | null,
  method: string,
) {
  await endSession(trx, session.id);
  const failures = await trx
    .selectFrom('accounts')
    .select(['failed_logins', 'last_failed_login_at'])
    .where('id', '=', account.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await trx.updateTable('accounts').set({ failed_logins: 0, last_failed_login_at: null }).where('id', '=', account.id).execute();
  const created = await createSession(trx, account.id, 'complete', ip, {
    failedLogins: failures.failed_logins,
    lastFailedLoginAt: failures.last_failed_login_at,
  });
  await loginCompleted(trx, account.username, ip);
  await appendAudit(trx, ctx.keyring.auditKey, {
    action: 'auth.login',
    outcome: 'succeeded',
    actorId: account.id,
    actorRole: account.role,
    ip,
    details: { method },
  });
  return created;
}

async function requireStage(ctx: AppContext, session: SessionRow, stage: string): Promise<Account> {
  if (session.stage !== stage) throw new AppError(409, 'wrong_login_step');
  const account = await findAccountById(ctx.db, session.account_id);
  if (!account || account.disabled_at || account.awaits_confirmation) throw new AppError(401, 'invalid_credentials');
  return account;
}

/**
 * A wrong password or code (or a username without an account): counted by the throttle, told to
 * the account's owner at the next login, audited. Always throws, with the same answer whether or
 * not the account exists.
 */
async function recordFailure(
  ctx: AppContext,
  account: Account | null,
  username: string,
  action: string,
  ip: string | null,
  details?: Record<string, unknown>,
): Promise<never> {
  const now = new Date();
  const lockedUntil = await ctx.db.transaction().execute(async (trx) => {
    const locked = await attemptFailed(trx, username, ip, now);
    if (account)
      await trx
        .updateTable('accounts')
        .set({ failed_logins: sql`failed_logins + 1`, last_failed_login_at: now })
        .where('id', '=', account.id)
        .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      action,
      outcome: 'failed',
      actorId: account?.id ?? null,
      actorRole: account?.role ?? null,
      ip,
      details: { ...details, ...(locked ? { locked: true } : {}) },
    });
    return locked;
  });
  if (lockedUntil) throw new AppError(423, 'account_locked', { until: lockedUntil });
  throw new AppError(401, action === 'auth.login' ? 'invalid_credentials' : 'invalid_code');
}
