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
/** A running import says it is alive this often; one silent for ABANDONED_MS ended with its server. */
const ALIVE_EVERY_MS = 10_000;
const ABANDONED_MS = 2 * 60_000;

/**
 * The imports started from the web, kept in the database so that every app server sees them and
 * they run one at a time across all of them (an import is one transaction over the whole register;
 * a second at the same time would only wait for it or contradict it). The server running an import
 * also keeps its progress at hand, so that it answers without waiting for the import's transaction.
 */
export class ImportJobs {
  private readonly running = new Map<string, ImportJob>();

  constructor(
    private readonly ctx: AppContext,
    private readonly log: { error(details: object, message: string): void },
  ) {}

  async start(who: Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'> & { actorId: string }, text: string): Promise<ImportJob> {
    if (this.running.size > 0) throw new AppError(409, 'import_in_progress');
    const now = Date.now();
    await this.ctx.db
      .updateTable('import_jobs')
      .set({ state: 'failed', ended_at: new Date(now) })
      .where('ended_at', 'is', null)
      .where('alive_at', '<', new Date(now - ABANDONED_MS))
      .execute();
    await this.ctx.db
      .deleteFrom('import_jobs')
      .where('ended_at', '<', new Date(now - KEEP_ENDED_MS))
      .execute();
    const job: ImportJob = { id: randomUUID(), ownerId: who.actorId, state: 'checking', done: 0, total: 0 };
    try {
      await this.ctx.db.insertInto('import_jobs').values({ id: job.id, owner_id: job.ownerId, state: job.state, ended_at: null }).execute();
    } catch (error) {
      // The unique index admits one unfinished import across all servers.
      if ((error as { code?: string }).code === '23505') throw new AppError(409, 'import_in_progress');
      throw error;
    }
    this.running.set(job.id, job);
    const alive = setInterval(() => void this.save(job).catch(() => {}), ALIVE_EVERY_MS);
    alive.unref();
    importRegister(this.ctx, who, text, ({ phase, done, total }) => Object.assign(job, { state: phase, done, total }))
      .then((summary) => Object.assign(job, { state: 'succeeded', summary }))
      .catch((error) => {
        if (error instanceof ImportRejected) return Object.assign(job, { state: 'rejected', problems: error.problems });
        // Only the kind of failure is logged: never the file's content.
        this.log.error({ err: { type: error?.name, code: error?.code } }, 'register import failed');
        return Object.assign(job, { state: 'failed' });
      })
      .then(async () => {
        clearInterval(alive);
        job.endedAt = Date.now();
        await this.save(job).catch((error) =>
          this.log.error({ err: { type: error?.name, code: error?.code } }, 'import outcome not saved'),
        );
        this.running.delete(job.id);
      });
    return job;
  }

  /** Only the administrator who started an import sees it; to anyone else it does not exist. */
  async find(id: string, ownerId: string): Promise<ImportJob> {
    const here = this.running.get(id);
    if (here) {
      if (here.ownerId !== ownerId) throw new AppError(404, 'not_found');
      return here;
    }
    const row = await this.ctx.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', new Date(Date.now() - KEEP_ENDED_MS))]))
      .executeTakeFirst();
    if (!row) throw new AppError(404, 'not_found');
    return {
      id: row.id,
      ownerId: row.owner_id,
      state: row.state as ImportState,
      done: row.done,
      total: row.total,
      ...(row.summary ? { summary: row.summary as ImportSummary } : {}),
      ...(row.problems ? { problems: row.problems as ExchangeProblem[] } : {}),
      ...(row.ended_at ? { endedAt: new Date(row.ended_at).getTime() } : {}),
    };
  }

  private async save(job: ImportJob) {
    await this.ctx.db
      .updateTable('import_jobs')
      .set({
        state: job.state,
        done: job.done,
        total: job.total,
        summary: job.summary ? JSON.stringify(job.summary) : null,
        problems: job.problems ? JSON.stringify(job.problems) : null,
        alive_at: new Date(),
        ended_at: job.endedAt === undefined ? null : new Date(job.endedAt),
      })
      .where('id', '=', job.id)
      .execute();
  }
}
