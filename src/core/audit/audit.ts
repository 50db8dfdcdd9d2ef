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

/**
 * Appends one entry to the hash chain. Call it inside the transaction that does the audited work,
 * so the work and its trace commit together; outside one, it opens its own. The transaction-scoped
 * advisory lock serialises appends across connections and servers, so the chain never forks.
 */
export async function appendAudit(db: Database, auditKey: Buffer, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, auditKey, entry));
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db);
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: entry.actorId ?? null,
    actor_role: entry.actorRole ?? null,
    action: entry.action,
    outcome: entry.outcome,
    client_id: entry.clientId ?? null,
    field_groups: [...(entry.fieldGroups ?? [])],
    reason: entry.reason ?? null,
    ip: entry.ip ?? null,
    details: entry.details ? canonical(entry.details) : null,
    prev_hash: last?.hash ?? GENESIS,
  };
  await db
    .insertInto('audit_log')
    .values({ ...row, details: row.details === null ? null : JSON.stringify(row.details), hash: chainHash(auditKey, row) })
    .execute();
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
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let previousHash = GENESIS;
  let entries = 0;
  const pageSize = 5000;
  for (let after = 0; ;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      entries++;
      if (row.seq !== expectedSeq) problems.push({ code: 'missing', seq: expectedSeq, to: row.seq - 1 });
      if (row.prev_hash !== previousHash) problems.push({ code: 'out_of_order', seq: row.seq });
      if (chainHash(auditKey, row) !== row.hash) problems.push({ code: 'altered', seq: row.seq });
      expectedSeq = row.seq + 1;
      previousHash = row.hash;
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.seq;
  }
  return { entries, problems };
}

function chainHash(auditKey: Buffer, row: Omit<AuditRow, 'hash'>): string {
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
