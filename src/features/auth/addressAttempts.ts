import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';

/**
 * Per-address limit on login attempts, on top of the per-username limits (loginThrottle.ts): it
 * slows guessing across many usernames from one place. Counted in the database in one atomic
 * statement, so every app server counts the same attempts and a restart forgets nothing.
 */
export async function allowLoginAttempt(db: Database, address: string, max: number, windowMs: number, now = new Date()): Promise<boolean> {
  const windowOver = sql<boolean>`a.window_start <= ${new Date(now.getTime() - windowMs)}`;
  const { rows } = await sql<{ attempts: number }>`
    insert into login_address_attempts as a (address, window_start, attempts) values (${address}, ${now}, 1)
    on conflict (address) do update set
      attempts = case when ${windowOver} then 1 else a.attempts + 1 end,
      window_start = case when ${windowOver} then ${now} else a.window_start end
    returning a.attempts`.execute(db);
  if (Math.random() < 0.01)
    await db
      .deleteFrom('login_address_attempts')
      .where('window_start', '<', new Date(now.getTime() - windowMs))
      .execute();
  return rows[0].attempts <= max;
}
