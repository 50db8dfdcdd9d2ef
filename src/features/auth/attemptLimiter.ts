/**
 * A limit on attempts per address kept in memory, for the public referral form: the address of a
 * person referring themself is never written anywhere, so with several app servers each counts its
 * own (the limit is per server). Logins are limited in the database (addressAttempts.ts).
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; false when the address has used up its attempts for the window. */
  allow(key: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.max) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.forgetOld(now);
    return true;
  }

  private forgetOld(now: number) {
    for (const [key, times] of this.attempts) if (times.every((at) => now - at >= this.windowMs)) this.attempts.delete(key);
  }
}
