import type { Database } from '../db/database.ts';
import { appendAudit, type AuditEntry } from './audit.ts';

/**
 * Refusals are security events, but anyone who can reach the server can cause them at will, so
 * written one by one they would let a person pad the log until real events drown.
 * - The first refusal of a kind (actor, action, client, what was refused, address) in a ten-minute
 *   window is written at once; identical ones after it in that window are counted, and the count
 *   (`repeats`) is written as one entry when the window closes.
 * - Across all kinds, at most 60 entries a minute are written for one account, and 60 for everyone
 *   not logged in together (a flood from many addresses); the refusals left out are counted
 *   (`unlogged`) and go with the next entry written for them.
 * So no one can make the log grow faster than that, however many requests they send. Kept in
 * memory, per server: counts not yet written are written when the server stops.
 */
export interface RefusalLimits {
  windowMs: number;
  perMinute: number;
  maxKinds: number;
}
const defaults: RefusalLimits = { windowMs: 10 * 60_000, perMinute: 60, maxKinds: 10_000 };

interface Pending {
  entry: AuditEntry;
  since: number;
  repeats: number;
}
type Refusal = Omit<AuditEntry, 'outcome'>;

export class RefusalLog {
  private readonly kinds = new Map<string, Pending>();
  private readonly minutes = new Map<string, { start: number; written: number; unlogged: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly write: (entry: AuditEntry) => Promise<void>,
    private readonly limits: RefusalLimits = defaults,
    private readonly now = () => Date.now(),
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => {}), limits.windowMs / 10);
    this.timer.unref();
  }

  /** Logs a refusal, or counts it; `kind` tells refusals of one action apart (default: the details' code). */
  async refuse(refusal: Refusal, kind: unknown = refusal.details?.code ?? null): Promise<void> {
    const entry: AuditEntry = { ...refusal, outcome: 'denied' };
    const key = JSON.stringify([entry.actorId ?? null, entry.action, entry.clientId ?? null, kind, entry.ip ?? null]);
    const now = this.now();
    const known = this.kinds.get(key);
    if (known && now - known.since < this.limits.windowMs) {
      known.repeats++;
      return;
    }
    if (known) await this.writeRepeats(key, known);
    const minute = this.minuteOf(entry.actorId ?? 'not logged in', now);
    if (minute.written >= this.limits.perMinute) {
      minute.unlogged++;
      return;
    }
    minute.written++;
    const { unlogged } = minute;
    minute.unlogged = 0;
    await this.write(unlogged ? { ...entry, details: { ...entry.details, unlogged } } : entry);
    if (this.kinds.size >= this.limits.maxKinds) await this.flush(true);
    this.kinds.set(key, { entry, since: now, repeats: 0 });
  }

  private minuteOf(who: string, now: number) {
    let minute = this.minutes.get(who);
    if (!minute || now - minute.start >= 60_000) {
      if (!minute && this.minutes.size >= this.limits.maxKinds) this.minutes.clear();
      minute = { start: now, written: 0, unlogged: minute?.unlogged ?? 0 };
      this.minutes.set(who, minute);
    }
    return minute;
  }

  /** Writes the counts of closed windows (every window when `all`): on a timer and when the server stops. */
  async flush(all = false): Promise<void> {
    for (const [key, pending] of [...this.kinds]) {
      if (all || this.now() - pending.since >= this.limits.windowMs) await this.writeRepeats(key, pending);
    }
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.flush(true);
  }

  private async writeRepeats(key: string, pending: Pending) {
    this.kinds.delete(key);
    if (pending.repeats === 0) return;
    await this.write({
      ...pending.entry,
      details: { ...pending.entry.details, repeats: pending.repeats, since: new Date(pending.since).toISOString() },
    });
  }
}

const logs = new WeakMap<Database, RefusalLog>();
/** The refusal log of one database: every refusal in the process goes through the same one. */
export function refusalLog(db: Database, auditKey: Buffer): RefusalLog {
  let log = logs.get(db);
  if (!log) {
    log = new RefusalLog((entry) => appendAudit(db, auditKey, entry));
    logs.set(db, log);
  }
  return log;
}
