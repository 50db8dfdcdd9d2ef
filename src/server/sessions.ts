import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../core/db/database.ts';
import type { Selectable } from 'kysely';
import type { Account, SessionsTable } from '../core/db/types.ts';

export type SessionRow = Selectable<SessionsTable>;
export type SessionStage = 'mfa_enrol' | 'mfa_verify' | 'complete';

export const SESSION_COOKIE = '__Host-polku_session';
/** __Host- cookies must be Secure; browsers accept Secure cookies from http://localhost too. */
export const sessionCookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } as const;
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A login half-way through its second factor must finish soon. */
export const PARTIAL_TIMEOUT_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, so every request does not write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** Only a hash of the token is stored: a database dump gives no usable session. */
const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

/** The failed logins before this one are kept with a full login's session, to be shown to its owner. */
export async function createSession(
  db: Database,
  accountId: string,
  stage: SessionStage,
  ip: string | null,
  before: { failedLogins: number; lastFailedLoginAt: Date | null } = { failedLogins: 0, lastFailedLoginAt: null },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const session: SessionRow = {
    id: sessionId(token),
    account_id: accountId,
    stage,
    csrf_token: randomBytes(24).toString('base64url'),
    created_at: now,
    last_seen_at: now,
    ip,
    failed_logins_before: before.failedLogins,
    last_failed_login_before: before.lastFailedLoginAt,
  };
  await db.insertInto('sessions').values(session).execute();
  return { token, session };
}

/** The live session of a token and its account, in one query: this runs on every API request. */
export async function findLiveSession(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ session: SessionRow; account: Account } | null> {
  const found = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('accounts')
    .select([
      'sessions.id as session_id',
      'sessions.stage',
      'sessions.csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
      'sessions.ip as session_ip',
      'sessions.failed_logins_before',
      'sessions.last_failed_login_before',
    ])
    .where('sessions.id', '=', sessionId(token))
    .executeTakeFirst();
  if (!found) return null;
  const {
    session_id,
    stage,
    csrf_token,
    session_created_at,
    last_seen_at,
    session_ip,
    failed_logins_before,
    last_failed_login_before,
    ...account
  } = found;
  const session: SessionRow = {
    id: session_id,
    account_id: account.id,
    stage,
    csrf_token,
    created_at: session_created_at,
    last_seen_at,
    ip: session_ip,
    failed_logins_before,
    last_failed_login_before,
  };
  const age = now.getTime() - new Date(session.created_at).getTime();
  const idle = now.getTime() - new Date(session.last_seen_at).getTime();
  const expired = session.stage === 'complete' ? idle > IDLE_TIMEOUT_MS || age > ABSOLUTE_TIMEOUT_MS : age > PARTIAL_TIMEOUT_MS;
  if (expired) {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute();
    return null;
  }
  if (idle > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
  }
  return { session, account };
}

export async function endSession(db: Database, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function endAllSessions(db: Database, accountId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
