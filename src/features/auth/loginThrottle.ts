import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';

/**
 * Two limits on guessing, both kept in the database so every app server counts the same attempts,
 * and both keyed by the username as typed, so a username without an account is throttled exactly
 * like one with an account and the answers never tell them apart.
 *
 * Per username and address: five failures within 15 minutes lock that address out of that username
 * for 15 minutes. A stranger who knows someone's username can lock out only their own address,
 * never the person's: the owner logs in from anywhere else as usual.
 *
 * Per username across all addresses: 20 failures an hour are free (four addresses' worth of
 * locks); beyond them one attempt is checked every 30 seconds, from whichever address asks first.
 * Guessing from many addresses is held to about 20 + 120 = 140 tries an hour, some 3,400 a day,
 * against passwords of 12 or more characters that are not on the common list. It delays, it does
 * not lock: an address the account has logged in from in the last 30 days (the office, the home
 * computer) is not subject to it at all, and from a new address the owner waits 30 seconds.
 */
export const ADDRESS_MAX_FAILURES = 5;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
export const ADDRESS_LOCK_MS = 15 * 60_000;
export const USERNAME_FREE_FAILURES = 20;
export const USERNAME_WINDOW_MS = 60 * 60_000;
export const USERNAME_SPACING_MS = 30_000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

/** Old rows are removed at most this often by each server; a failure leaves at most a row or two. */
const CLEANUP_INTERVAL_MS = 10 * 60_000;
let lastCleanup = 0;

export const normaliseUsername = (username: string) => username.trim().toLowerCase();
const addressOf = (ip: string | null) => ip ?? 'unknown';

/**
 * Before a password or code is checked. The attempt is counted as a failure in advance, in one
 * atomic statement, so attempts sent in parallel cannot all slip past the limit before any of them
 * has failed; a right answer gives it back (attemptSucceeded). Throws when either limit is reached.
 */
export async function reserveAttempt(db: Database, usernameAsTyped: string, ip: string | null, now = new Date()): Promise<void> {
  const username = normaliseUsername(usernameAsTyped);
  const address = addressOf(ip);
  await forgetOldRows(db, now);
  const windowOver = sql<boolean>`f.window_start <= ${new Date(now.getTime() - ADDRESS_WINDOW_MS)} and (f.locked_until is null or f.locked_until <= ${now})`;
  const { rows } = await sql<{ failures: number; locked_until: Date | null; last_success_at: Date | null }>`
    insert into login_address_failures as f (username, address, failures, window_start) values (${username}, ${address}, 1, ${now})
    on conflict (username, address) do update set
      failures = case when ${windowOver} then 1 else f.failures + 1 end,
      locked_until = case when ${windowOver} then null else f.locked_until end,
      window_start = case when ${windowOver} then ${now} else f.window_start end
    returning f.failures, f.locked_until, f.last_success_at`.execute(db);
  const row = rows[0];
  const lockedUntil = row.locked_until ? new Date(row.locked_until) : null;
  if (lockedUntil && lockedUntil > now) throw new AppError(423, 'account_locked', { until: lockedUntil });
  if (row.failures > ADDRESS_MAX_FAILURES) throw new AppError(423, 'account_locked', { until: new Date(now.getTime() + ADDRESS_LOCK_MS) });

  const known = row.last_success_at && now.getTime() - new Date(row.last_success_at).getTime() < KNOWN_ADDRESS_MS;
  if (known) return;
  const usernameWindowOver = sql<boolean>`u.window_start <= ${new Date(now.getTime() - USERNAME_WINDOW_MS)}`;
  const {
    rows: [counted],
  } = await sql<{ failures: number }>`
    insert into login_username_failures as u (username, failures, window_start) values (${username}, 0, ${now})
    on conflict (username) do update set
      failures = case when ${usernameWindowOver} then 0 else u.failures end,
      next_attempt_at = case when ${usernameWindowOver} then null else u.next_attempt_at end,
      window_start = case when ${usernameWindowOver} then ${now} else u.window_start end
    returning u.failures`.execute(db);
  if (counted.failures < USERNAME_FREE_FAILURES) return;
  // Beyond the free failures, whoever takes the next slot is checked; everyone else waits for it.
  const nextSlot = new Date(now.getTime() + USERNAME_SPACING_MS);
  const taken = await db
    .updateTable('login_username_failures')
    .set({ next_attempt_at: nextSlot })
    .where('username', '=', username)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .returning('username')
    .executeTakeFirst();
  if (!taken) {
    const current = await db
      .selectFrom('login_username_failures')
      .select('next_attempt_at')
      .where('username', '=', username)
      .executeTakeFirst();
    throw new AppError(429, 'login_slowed', { until: current?.next_attempt_at ? new Date(current.next_attempt_at) : nextSlot });
  }
}

/** A wrong password or code: counts towards the username's throttle and, at the fifth, locks this address out. */
export async function attemptFailed(db: Database, usernameAsTyped: string, ip: string | null, now = new Date()): Promise<Date | null> {
  const username = normaliseUsername(usernameAsTyped);
  await sql`
    insert into login_username_failures as u (username, failures, window_start) values (${username}, 1, ${now})
    on conflict (username) do update set failures = u.failures + 1`.execute(db);
  const row = await db
    .updateTable('login_address_failures')
    .set({
      locked_until: sql`case when failures >= ${ADDRESS_MAX_FAILURES} then ${new Date(now.getTime() + ADDRESS_LOCK_MS)}::timestamptz else locked_until end`,
    })
    .where('username', '=', username)
    .where('address', '=', addressOf(ip))
    .returning('locked_until')
    .executeTakeFirst();
  return row?.locked_until ? new Date(row.locked_until) : null;
}

/** A right password with the second factor still to come: the failure counted in advance is given back. */
export async function attemptSucceeded(db: Database, usernameAsTyped: string, ip: string | null): Promise<void> {
  await db
    .updateTable('login_address_failures')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('username', '=', normaliseUsername(usernameAsTyped))
    .where('address', '=', addressOf(ip))
    .execute();
}

/** A full login: this address starts afresh and is known for the account from now on. */
export async function loginCompleted(db: Database, usernameAsTyped: string, ip: string | null, now = new Date()): Promise<void> {
  await db
    .insertInto('login_address_failures')
    .values({
      username: normaliseUsername(usernameAsTyped),
      address: addressOf(ip),
      failures: 0,
      window_start: now,
      locked_until: null,
      last_success_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['username', 'address']).doUpdateSet({ failures: 0, window_start: now, locked_until: null, last_success_at: now }),
    )
    .execute();
}

async function forgetOldRows(db: Database, now: Date) {
  if (now.getTime() - lastCleanup < CLEANUP_INTERVAL_MS) return;
  lastCleanup = now.getTime();
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  await db
    .deleteFrom('login_address_failures')
    .where('window_start', '<', dayAgo)
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', new Date(now.getTime() - KNOWN_ADDRESS_MS))]))
    .execute();
  await db.deleteFrom('login_username_failures').where('window_start', '<', dayAgo).execute();
}
