import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { ImportRejected, importRegister, type ImportProgress, type ImportSummary } from './importRegister.ts';
import type { ExchangeProblem } from './validateExchangeFile.ts';

export type ImportState = ImportProgress['phase'] | 'succeeded' | 'rejected' | 'failed';

/** An import started from the web, followed by the administrator who started it until it ends. */
export interface ImportJob {
  id: string;
  ownerId: string;
  state: ImportState;
  done: number;
  total: number;
  summary?: ImportSummary;
  problems?: ExchangeProblem[];
  endedAt?: number;
}

/** How long an ended import can still be looked at. Its outcome is kept for good in the audit log. */
const KEEP_ENDED_MS = 60 * 60 * 1000;

/**
 * The imports of one server. They run one at a time: an import is one transaction over the whole
 * register, and a second one at the same time would only wait for it or contradict it.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly ctx: AppContext,
    private readonly log: { error(details: object, message: string): void },
  ) {}

  start(who: Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'> & { actorId: string }, text: string): ImportJob {
    this.forgetOld();
    if ([...this.jobs.values()].some((job) => job.endedAt === undefined)) throw new AppError(409, 'import_in_progress');
    const job: ImportJob = { id: randomUUID(), ownerId: who.actorId, state: 'checking', done: 0, total: 0 };
    this.jobs.set(job.id, job);
    importRegister(this.ctx, who, text, ({ phase, done, total }) => Object.assign(job, { state: phase, done, total }))
      .then((summary) => Object.assign(job, { state: 'succeeded', summary }))
      .catch((error) => {
        if (error instanceof ImportRejected) return Object.assign(job, { state: 'rejected', problems: error.problems });
        // Only the kind of failure is logged: never the file's content.
        this.log.error({ err: { type: error?.name, code: error?.code } }, 'register import failed');
        return Object.assign(job, { state: 'failed' });
      })
      .finally(() => {
        job.endedAt = Date.now();
      });
    return job;
  }

  /** Only the administrator who started an import sees it; to anyone else it does not exist. */
  find(id: string, ownerId: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== ownerId) throw new AppError(404, 'not_found');
    return job;
  }

  private forgetOld() {
    for (const [id, job] of this.jobs) if (job.endedAt !== undefined && Date.now() - job.endedAt > KEEP_ENDED_MS) this.jobs.delete(id);
  }
}
