import { sql } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError, forbidden } from '../../core/errors.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { annualReport, type AnnualReport } from './annualReport.ts';
import type { PublishedReport } from './disclosure.ts';
import { currentRelease, type ReleaseSummary } from './releases.ts';
import { firstReportYear, lastReportYear } from './tables.ts';

export type StatisticsForm = 'internal' | 'published';

/** The year (in Helsinki) of the register's first referral: no report before it has anything in it. Null for an empty register. */
export async function firstDataYear(db: Database): Promise<number | null> {
  const row = await db
    .selectFrom('referrals')
    .select(sql<number | null>`min(extract(year from (received_at at time zone 'Europe/Helsinki')))::int`.as('first'))
    .executeTakeFirst();
  return row?.first ?? null;
}
type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'> & { actor: Actor | null };

/**
 * The annual report in the asked form: the internal form counted now, which needs the right to see
 * every count, or the published form, which is the year's newest release (never counted live).
 * Every read, and every refusal, is in the audit log with the year and form.
 */
export async function annualStatistics(
  ctx: AppContext,
  who: Who,
  year: number,
  form: StatisticsForm,
): Promise<AnnualReport | (PublishedReport & { release: ReleaseSummary })> {
  const last = lastReportYear();
  if (!Number.isInteger(year) || year < firstReportYear || year > last)
    throw new AppError(400, 'year_out_of_range', { first: firstReportYear, last });
  const entry = { actorId: who.actorId, actorRole: who.actorRole, ip: who.ip, action: 'statistics.read', details: { year, form } };
  if (form === 'internal' && who.actor && !can(who.actor, 'statistics.internal')) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, { ...entry, outcome: 'denied' });
    throw forbidden();
  }
  if (form === 'published') {
    const current = await currentRelease(ctx.db, year);
    if (!current) throw new AppError(404, 'statistics_not_published', { year });
    const { tables, ...release } = current;
    await appendAudit(ctx.db, ctx.keyring.auditKey, { ...entry, outcome: 'succeeded', details: { ...entry.details, release: release.id } });
    return { year, published: true, tables, release };
  }
  const internal = await annualReport(ctx.db, year);
  await appendAudit(ctx.db, ctx.keyring.auditKey, { ...entry, outcome: 'succeeded' });
  return internal;
}
