import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AuditRow } from '../db/types.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  outcome: 'succeeded' | 'failed' | 'denied';
  clientId?: string | null;
  fieldGroups?: readonly string[];
  reason?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

const GENESIS = '0'.repeat(64);
const AUDIT_LOCK = 7502;
const BATCH = 1000;

/**
 * Writes one entry. Call it inside the transaction that does the audited work, so the work and its
 * trace commit together; outside one, it opens its own. Entries do not wait for each other: the
 * entry is linked into the hash chain after it has committed, by chainAudit (at once here when
 * there is no surrounding transaction; the server links what its requests wrote before it answers).
 */
export async function appendAudit(db: Database, auditKey: Buffer, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date(),
      actor_id: entry.actorId ?? null,
      actor_role: entry.actorRole ?? null,
      action: entry.action,
      outcome: entry.outcome,
      client_id: entry.clientId ?? null,
      field_groups: [...(entry.fieldGroups ?? [])],
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      details: entry.details ? JSON.stringify(canonical(entry.details)) : null,
      seq: null,
      prev_hash: null,
      hash: null,
    })
    .execute();
  if (!db.isTransaction) await chainAudit(db, auditKey);
}

/**
 * Links every committed entry not yet in the chain, in batches, in the order they were written:
 * the next number after the head, the head's hash, and the entry's HMAC. One writer at a time
 * across all servers (an advisory lock held per batch, not per entry), and seq is unique, so the
 * chain never forks. Returns how many entries it linked.
 */
export async function chainAudit(db: Database, auditKey: Buffer): Promise<number> {
  let linked = 0;
  for (;;) {
    // Most calls find nothing waiting: one indexed read, no transaction, no lock.
    const waiting = await db.selectFrom('audit_log').select('entry_id').where('hash', 'is', null).limit(1).executeTakeFirst();
    if (!waiting) return linked;
    const count = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
      const head = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('seq', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const rows = await trx.selectFrom('audit_log').selectAll().where('hash', 'is', null).orderBy('entry_id').limit(BATCH).execute();
      if (rows.length === 0) return 0;
      let seq = Number(head?.seq ?? 0);
      let previous = head?.hash ?? GENESIS;
      const links = rows.map((row) => {
        seq++;
        const link = { ...row, seq, prev_hash: previous };
        previous = chainHash(auditKey, link);
        return sql`(${row.entry_id}::bigint, ${seq}::bigint, ${link.prev_hash}::text, ${previous}::text)`;
      });
      await sql`update audit_log set seq = l.seq, prev_hash = l.prev_hash, hash = l.hash
        from (values ${sql.join(links)}) as l(entry_id, seq, prev_hash, hash)
        where audit_log.entry_id = l.entry_id`.execute(trx);
      return rows.length;
    });
    linked += count;
    if (count < BATCH) return linked;
  }
}

/**
 * Runs chainAudit for many callers at once: a caller that asks while a run is under way waits for
 * the next run, which starts after it and so sees what the caller committed. Under load one run
 * links the entries of many requests.
 */
export class AuditChainer {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly auditKey: Buffer,
  ) {}

  /** Resolves once every entry committed before the call is linked (or the run failed: the next links it). */
  settle(): Promise<void> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<void> {
    const run: Promise<void> = chainAudit(this.db, this.auditKey)
      .catch(() => 0)
      .then(() => {
        if (this.running === run) this.running = null;
      });
    this.running = run;
    return run;
  }
}

/**
 * A break in the chain, in its guard or against its signed checkpoints: `code` is translated as
 * `cli.audit_problem.<code>`, with the entry numbers (and the checkpoint's line and time).
 */
export interface ChainProblem {
  code:
    | 'missing'
    | 'out_of_order'
    | 'altered'
    | 'cut'
    | 'rewritten'
    | 'checkpoint_unreadable'
    | 'checkpoint_forged'
    | 'checkpoint_other_key'
    | 'guard_missing'
    | 'guard_disabled'
    | 'guard_changed';
  seq: number;
  to?: number;
  from?: number;
  at?: string;
  line?: number;
  key?: string;
  trigger?: string;
}

/** Any altered, removed or reordered entry breaks the chain; each break is reported with its position. */
export async function verifyAuditChain(db: Database, auditKey: Buffer): Promise<{ entries: number; problems: ChainProblem[] }> {
  // What has committed is linked first; an entry written after this is for the next verification.
  await chainAudit(db, auditKey);
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let previousHash = GENESIS;
  let entries = 0;
  const pageSize = 5000;
  for (let after = 0; ;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      entries++;
      const seq = row.seq!;
      if (seq !== expectedSeq) problems.push({ code: 'missing', seq: expectedSeq, to: seq - 1 });
      if (row.prev_hash !== previousHash) problems.push({ code: 'out_of_order', seq });
      if (chainHash(auditKey, row) !== row.hash) problems.push({ code: 'altered', seq });
      expectedSeq = seq + 1;
      previousHash = row.hash ?? '';
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.seq!;
  }
  return { entries, problems };
}

function chainHash(auditKey: Buffer, row: Omit<AuditRow, 'hash' | 'entry_id'>): string {
  const at = row.at instanceof Date ? row.at : new Date(row.at);
  const content = JSON.stringify([
    row.seq,
    at.toISOString(),
    row.actor_id,
    row.actor_role,
    row.action,
    row.outcome,
    row.client_id,
    row.field_groups,
    row.reason,
    row.ip,
    row.details === null ? null : canonical(row.details),
    row.prev_hash,
  ]);
  return createHmac('sha256', auditKey).update(content).digest('hex');
}

/** jsonb reorders object keys, so hashing uses keys in sorted order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
