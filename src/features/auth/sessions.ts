import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../core/db/database.ts';
import type { Selectable } from 'kysely';
import type { SessionsTable } from '../../core/db/types.ts';

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

export async function createSession(db: Database, accountId: string, stage: SessionStage, ip: string | null): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const session = { id: sessionId(token), account_id: accountId, stage, csrf_token: randomBytes(24).toString('base64url'), created_at: now, last_seen_at: now, ip };
  await db.insertInto('sessions').values(session).execute();
  return { token, session };
}

export async function findLiveSession(db: Database, token: string, now = new Date()): Promise<SessionRow | null> {
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId(token)).executeTakeFirst();
  if (!session) return null;
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
  return session;
}

export async function endSession(db: Database, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function endAllSessions(db: Database, accountId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
