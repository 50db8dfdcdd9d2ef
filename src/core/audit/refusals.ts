import type { Database } from '../db/database.ts';
import { appendAudit, type AuditEntry } from './audit.ts';

/**
 * Refusals are security events, but anyone with an account can cause them at will, so written one
 * by one they would let a person pad the log until real events drown. The first refusal of a kind
 * (actor, action, client, code and address) in a ten-minute window is written at once; identical
 * ones after it in that window are counted, and the count is written as one entry when the window
 * closes. Nothing is lost but the repeats' exact times.
 */
const WINDOW_MS = 10 * 60 * 1000;
const MAX_KINDS = 10_000;

interface Pending { entry: AuditEntry; since: number; repeats: number }

export class RefusalLog {
  private readonly kinds = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly db: Database, private readonly auditKey: Buffer, private readonly now = () => Date.now()) {
    this.timer = setInterval(() => void this.flush().catch(() => {}), WINDOW_MS / 10);
    this.timer.unref();
  }

  async refuse(entry: Omit<AuditEntry, 'outcome'>): Promise<void> {
    const full: AuditEntry = { ...entry, outcome: 'denied' };
    const key = JSON.stringify([full.actorId ?? null, full.action, full.clientId ?? null, full.details?.code ?? null, full.ip ?? null]);
    const known = this.kinds.get(key);
    if (known && this.now() - known.since < WINDOW_MS) {
      known.repeats++;
      return;
    }
    if (known) await this.writeRepeats(key, known);
    if (this.kinds.size >= MAX_KINDS) await this.flush(true);
    await appendAudit(this.db, this.auditKey, full);
    if (this.kinds.size < MAX_KINDS) this.kinds.set(key, { entry: full, since: this.now(), repeats: 0 });
  }

  /** Writes the counts of closed windows (all of them when `all`), e.g. on a timer and at shutdown. */
  async flush(all = false): Promise<void> {
    for (const [key, pending] of [...this.kinds]) {
      if (all || this.now() - pending.since >= WINDOW_MS) await this.writeRepeats(key, pending);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  private async writeRepeats(key: string, pending: Pending) {
    this.kinds.delete(key);
    if (pending.repeats === 0) return;
    await appendAudit(this.db, this.auditKey, { ...pending.entry, details: { ...pending.entry.details, repeats: pending.repeats, since: new Date(pending.since).toISOString() } });
  }
}

const logs = new WeakMap<Database, RefusalLog>();
/** The refusal log of one database: every refusal in the process goes through the same one. */
export function refusalLog(db: Database, auditKey: Buffer): RefusalLog {
  let log = logs.get(db);
  if (!log) {
    log = new RefusalLog(db, auditKey);
    logs.set(db, log);
  }
  return log;
}
