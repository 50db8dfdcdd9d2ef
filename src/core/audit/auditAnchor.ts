import type { Database } from '../db/database.ts';
import { auditHead, signCheckpoint, type ChainHead, type Checkpoint, type SigningKey } from './checkpoints.ts';
import type { CheckpointSink } from './checkpointSinks.ts';

export interface SinkFailure {
  sink: string;
  error: unknown;
}

/**
 * Anchors the audit chain outside the database: a signed checkpoint of its head, to every sink,
 * whenever the head has moved since the last one (checked every interval, and once more at stop).
 * One read of the head per tick; nothing is written while nothing happens.
 */
export class AuditAnchor {
  private last: ChainHead | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly key: SigningKey,
    private readonly sinks: CheckpointSink[],
    private readonly onFailure: (failure: SinkFailure) => void = () => {},
    private readonly onHeadBackwards: (previous: ChainHead, now: ChainHead) => void = () => {},
  ) {}

  /** Writes a checkpoint (always, when forced) and returns it with the sinks that failed. */
  async checkpoint(force = false): Promise<{ checkpoint: Checkpoint | null; failures: SinkFailure[] }> {
    const run = this.running.then(() => this.write(force));
    this.running = run.catch(() => {});
    return run;
  }

  /** A checkpoint now (where the log stands at start), then one every interval if the head moved. */
  start(intervalMs: number): void {
    const tick = () => {
      this.checkpoint().catch((error) => this.onFailure({ sink: 'audit_log', error }));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** At shutdown: the last entries are anchored before the process ends. */
  async stop(): Promise<{ checkpoint: Checkpoint | null; failures: SinkFailure[] }> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.checkpoint();
  }

  private async write(force: boolean): Promise<{ checkpoint: Checkpoint | null; failures: SinkFailure[] }> {
    const head = await auditHead(this.db);
    if (!force && this.last && this.last.seq === head.seq && this.last.hash === head.hash) return { checkpoint: null, failures: [] };
    // The log only grows: a head behind the last checkpoint means entries were cut.
    if (this.last && head.seq < this.last.seq) this.onHeadBackwards(this.last, head);
    const checkpoint = signCheckpoint(this.key, head);
    const results = await Promise.allSettled(this.sinks.map((sink) => sink.write(checkpoint)));
    const failures = results.flatMap((result, i) =>
      result.status === 'rejected' ? [{ sink: this.sinks[i].name, error: result.reason }] : [],
    );
    for (const failure of failures) this.onFailure(failure);
    // Remembered only when every sink has it, so a failed one is tried again at the next tick.
    if (failures.length === 0) this.last = head;
    return { checkpoint, failures };
  }
}
