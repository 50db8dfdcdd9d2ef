import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { blindIndexTerm } from '../../core/crypto/blindIndex.ts';
import type { AppContext } from '../../server/context.ts';

/** What a per-address limit guards, each with its own count, and the error a refused attempt gets. */
const limits = {
  /** Guessing across many usernames from one place, on top of the per-username limits (loginThrottle.ts). */
  login: { windowMs: 15 * 60 * 1000, refused: 'too_many_attempts' },
  /** The public referral form, whichever door it comes through (the JSON route, the public site's form). */
  public_referral: { windowMs: 60 * 60 * 1000, refused: 'too_many_referrals' },
  /** The recognition guide's consultations, through either door. */
  guide_consultation: { windowMs: 60 * 60 * 1000, refused: 'too_many_consultations' },
} as const;
export type AddressLimit = keyof typeof limits;

/**
 * Counts an attempt from an address and refuses it (429, translated) once the address has used up
 * `max` attempts in the limit's window. Counted in the database in one atomic statement, so every
 * app server counts the same attempts and a restart forgets nothing. The address itself is never
 * written: only its keyed hash, which without the key file cannot be tested against guessed addresses.
 */
export async function limitAttempts(ctx: AppContext, limit: AddressLimit, address: string, max: number, now = new Date()): Promise<void> {
  const { windowMs, refused } = limits[limit];
  const addressKey = blindIndexTerm(ctx.keyring.blindIndexKey, `address-limit:${limit}`, address);
  const windowOver = sql<boolean>`a.window_start <= ${new Date(now.getTime() - windowMs)}`;
  const { rows } = await sql<{ attempts: number }>`
    insert into address_attempts as a (purpose, address_key, window_start, attempts) values (${limit}, ${addressKey}, ${now}, 1)
    on conflict (purpose, address_key) do update set
      attempts = case when ${windowOver} then 1 else a.attempts + 1 end,
      window_start = case when ${windowOver} then ${now} else a.window_start end
    returning a.attempts`.execute(ctx.db);
  // Old windows are swept now and then by whichever attempt comes: no timer, nothing to run.
  if (Math.random() < 0.01)
    await ctx.db
      .deleteFrom('address_attempts')
      .where('purpose', '=', limit)
      .where('window_start', '<', new Date(now.getTime() - windowMs))
      .execute();
  if (rows[0].attempts > max) throw new AppError(429, refused);
}
