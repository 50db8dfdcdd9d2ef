import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import { isoInstant } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { releaseFigures } from './annualReport.ts';
import { publishAmong, type PublicRelease, type PublishedTables } from './disclosure.ts';
import { firstReportYear, lastReportYear, type Tables } from './tables.ts';

/**
 * Published statistics are releases. A year's published tables are fixed when the director
 * publishes them; a correction is a new, dated release of the same year that supersedes the one
 * before, which stays on record. Each release is protected together with every release already
 * public (`publishAmong`), superseded ones included: they were public, and people keep what they read.
 */
export interface ReleaseSummary {
  id: string;
  year: number;
  version: number;
  /** When it was published (ISO 8601). */
  publishedAt: string;
  supersedes: string | null;
  /** Whether a later release of the same year supersedes this one. */
  superseded: boolean;
  correctionReason: string | null;
}
export interface Release extends ReleaseSummary {
  tables: PublishedTables;
}

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

const summaryColumns = ['id', 'year', 'version', 'published_at', 'supersedes', 'correction_reason'] as const;
type SummaryRow = {
  id: string;
  year: number;
  version: number;
  published_at: Date;
  supersedes: string | null;
  correction_reason: string | null;
};

function summary(row: SummaryRow, newest: ReadonlyMap<number, number>): ReleaseSummary {
  return {
    id: row.id,
    year: row.year,
    version: row.version,
    publishedAt: isoInstant(row.published_at),
    supersedes: row.supersedes,
    superseded: (newest.get(row.year) ?? row.version) > row.version,
    correctionReason: row.correction_reason,
  };
}

const newestVersions = (rows: Array<{ year: number; version: number }>) => {
  const newest = new Map<number, number>();
  for (const row of rows) newest.set(row.year, Math.max(newest.get(row.year) ?? 0, row.version));
  return newest;
};

/** Every release, the newest year first and within a year the newest release first. */
export async function listReleases(db: Database): Promise<ReleaseSummary[]> {
  const rows = await db
    .selectFrom('statistics_releases')
    .select(summaryColumns)
    .orderBy('year', 'desc')
    .orderBy('version', 'desc')
    .execute();
  const newest = newestVersions(rows);
  return rows.map((row) => summary(row, newest));
}

/** The newest release of a year, or null when the year has not been published. */
export async function currentRelease(db: Database, year: number): Promise<Release | null> {
  const row = await db
    .selectFrom('statistics_releases')
    .select([...summaryColumns, 'published_tables'])
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...summary(row, new Map()), tables: row.published_tables as PublishedTables } : null;
}

/** One release by its id, superseded or not. */
export async function releaseById(db: Database, id: string): Promise<Release> {
  const row = await db
    .selectFrom('statistics_releases')
    .select([...summaryColumns, 'published_tables'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError(404, 'statistics_release_not_found');
  const versions = await db.selectFrom('statistics_releases').select(['year', 'version']).where('year', '=', row.year).execute();
  return { ...summary(row, newestVersions(versions)), tables: row.published_tables as PublishedTables };
}

/** The newest release of each year, oldest year first. */
export async function newestReleases(db: Database): Promise<Release[]> {
  const rows = await db
    .selectFrom('statistics_releases')
    .select([...summaryColumns, 'published_tables'])
    .distinctOn('year')
    .orderBy('year')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({ ...summary(row, new Map()), tables: row.published_tables as PublishedTables }));
}

/** Every release ever published, as the disclosure control needs them, in the order they were published. */
async function publicReleases(db: Database): Promise<Array<PublicRelease & { id: string }>> {
  const rows = await db
    .selectFrom('statistics_releases')
    .select(['id', 'year', 'internal_tables', 'previous_tables', 'published_tables'])
    .orderBy('published_at')
    .orderBy('version')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    year: row.year,
    tables: row.internal_tables as Tables,
    previous: row.previous_tables as Tables,
    published: row.published_tables as PublishedTables,
  }));
}

const releaseIds = async (db: Database) =>
  (await db.selectFrom('statistics_releases').select('id').execute())
    .map((row) => row.id)
    .sort()
    .join(',');

/** A year can be published once it is over. */
function checkYear(year: number) {
  const last = lastReportYear() - 1;
  if (!Number.isInteger(year) || year < firstReportYear || year > last)
    throw new AppError(400, 'statistics_year_not_over', { first: firstReportYear, last });
}

/** JSON with every object's keys in order: the same counts are the same text, in whatever order the database grouped them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** What the director confirms: the figures of the release it would make, and the release it would supersede. */
export interface ReleasePreview {
  year: number;
  internal: Tables;
  published: PublishedTables;
  current: Release | null;
  /** Names exactly these published tables over exactly this current release; publishing checks it still holds. */
  fingerprint: string;
}

/** The release a year would have now: counted in one snapshot, protected together with every release on record. */
async function prepare(db: Database, year: number) {
  const figures = await releaseFigures(db, year);
  const releases = await publicReleases(db);
  const current = await currentRelease(db, year);
  const published = publishAmong({ year, tables: figures.tables, previous: figures.previous }, releases).tables;
  const onRecord = releases
    .map((release) => release.id)
    .sort()
    .join(',');
  const fingerprint = createHash('sha256').update(canonical({ year, published, onRecord })).digest('base64url');
  return { figures, published, current, onRecord, fingerprint };
}

/** The release the director would publish now, beside the internal figures; the read is audited. */
export async function previewRelease(ctx: AppContext, who: Who, year: number): Promise<ReleasePreview> {
  checkYear(year);
  const { figures, published, current, fingerprint } = await prepare(ctx.db, year);
  await appendAudit(ctx.db, ctx.keyring.auditKey, { ...who, action: 'statistics.preview', outcome: 'succeeded', details: { year } });
  return { year, internal: figures.tables, published, current, fingerprint };
}

export interface PublishInput {
  /** The preview's fingerprint: what the director saw is what becomes public. */
  fingerprint: string;
  /** Why a year already published is corrected. */
  reason?: string;
}

const RELEASE_LOCK = 7529;

/**
 * Publishes a year as the director saw it in the preview: the first release of the year, or a
 * correction that supersedes the newest one. One at a time: every release is protected together with
 * all the others, so two cannot be made side by side. Audited with what was published.
 */
export async function publishRelease(ctx: AppContext, who: Who, year: number, input: PublishInput): Promise<ReleaseSummary> {
  checkYear(year);
  const reason = input.reason?.trim() ?? '';
  const prepared = await prepare(ctx.db, year);
  const { figures, published, current, fingerprint } = prepared;
  if (current && reason === '') throw new AppError(400, 'validation_failed', {}, [{ field: 'reason', problem: 'required' }]);
  if (fingerprint !== input.fingerprint) throw new AppError(409, 'statistics_changed');
  // A correction corrects figures: with the year's counts as they were, or nothing public changed, there is none.
  if (current) {
    const before = await ctx.db
      .selectFrom('statistics_releases')
      .select('internal_tables')
      .where('id', '=', current.id)
      .executeTakeFirstOrThrow();
    if (canonical(before.internal_tables) === canonical(figures.tables) || canonical(current.tables) === canonical(published))
      throw new AppError(409, 'statistics_release_unchanged');
  }
  return record(ctx, who, prepared, current ? reason : null);
}

/**
 * Publishes, one after another, every year from `from` to `to` that has no release yet, as they are
 * counted now (the demo installation's past years); nothing is asked of anyone.
 */
export async function publishPastYears(ctx: AppContext, who: Who, from: number, to: number): Promise<void> {
  for (let year = from; year <= to; year++) {
    checkYear(year);
    const prepared = await prepare(ctx.db, year);
    if (!prepared.current) await record(ctx, who, prepared, null);
  }
}

async function record(ctx: AppContext, who: Who, prepared: Awaited<ReturnType<typeof prepare>>, reason: string | null) {
  const { figures, published, current, onRecord } = prepared;
  return ctx.db.transaction().execute(async (trx) => {
    // One at a time, and only over the releases it was protected with: another published meanwhile means look again.
    await sql`select pg_advisory_xact_lock(${RELEASE_LOCK})`.execute(trx);
    if ((await releaseIds(trx)) !== onRecord) throw new AppError(409, 'statistics_changed');
    const row = {
      id: randomUUID(),
      year: figures.year,
      version: (current?.version ?? 0) + 1,
      published_by: who.actorId ?? null,
      supersedes: current?.id ?? null,
      correction_reason: reason,
      internal_tables: JSON.stringify(figures.tables),
      previous_tables: JSON.stringify(figures.previous),
      published_tables: JSON.stringify(published),
    };
    const inserted = await trx.insertInto('statistics_releases').values(row).returning(summaryColumns).executeTakeFirstOrThrow();
    const hidden = Object.values(published).reduce(
      (sum, { cells }) => sum + Object.values(cells).filter((value) => value === null).length,
      0,
    );
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'statistics.publish',
      outcome: 'succeeded',
      details: { year: row.year, version: row.version, release: row.id, supersedes: row.supersedes, hiddenCells: hidden },
    });
    return summary(inserted, new Map());
  });
}
