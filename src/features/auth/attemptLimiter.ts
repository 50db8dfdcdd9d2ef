/**
 * Per-address limit on login attempts, on top of the per-username limits (loginThrottle.ts): it slows
 * guessing across many usernames from one place. Kept in memory: a restart forgets it, the
 * per-username limits (in the database) do not.
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
