import type { KeyObject } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { verifyAuditChain, type ChainProblem } from './audit.ts';
import { verifyAppendOnlyGuard } from './appendOnlyGuard.ts';
import { verifyCheckpoints, type Checkpoint } from './checkpoints.ts';

export interface AuditLogReport {
  entries: number;
  /** Checkpoints whose signature holds; `latest` is the one furthest along the chain. */
  checkpoints: number;
  latest: Checkpoint | null;
  problems: ChainProblem[];
}

/**
 * Everything `polku audit verify` checks: the append-only guard is in place, the chain is unbroken
 * under the audit key, and the table still holds what the signed checkpoints saw. The chain alone
 * cannot show a cut end or a chain recomputed with its key; the checkpoints, signed with another
 * key and kept elsewhere, can.
 */
export async function verifyAuditLog(
  db: Database,
  auditKey: Buffer,
  anchors: { publicKey: KeyObject; checkpoints: string } | null,
): Promise<AuditLogReport> {
  const guard = await verifyAppendOnlyGuard(db);
  const chain = await verifyAuditChain(db, auditKey);
  const checked = anchors
    ? await verifyCheckpoints(db, anchors.publicKey, anchors.checkpoints)
    : { checkpoints: 0, latest: null, problems: [] };
  return {
    entries: chain.entries,
    checkpoints: checked.checkpoints,
    latest: checked.latest,
    problems: [...guard, ...checked.problems, ...chain.problems],
  };
}
