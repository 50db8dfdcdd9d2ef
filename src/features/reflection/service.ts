import { maxReflectionMonths } from '../../core/codes.ts';
import { addDays, addMonths, daysBetween, helsinkiDate } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { auditChange, auditListRead, openClient, type Who } from '../../core/record/access.ts';
import { listScope } from '../../core/policy/policy.ts';
import { personsInScope } from '../../core/record/persons.ts';
import { openPersonName } from '../../core/record/personNames.ts';
import { isClient } from '../casework/index.ts';
import type { ReflectionChange, ReflectionGrant } from './schema.ts';

/** The day the period really ends: its end, or the day it was interrupted. */
export const effectiveEnd = (period: { end_date: string; interrupted_on: string | null }) => period.interrupted_on ?? period.end_date;

/** Warnings 30, 14 and 7 days before the end; a period that has ended shows as ended for a week. */
export function warningLevel(daysLeft: number): 'ended' | 7 | 14 | 30 | null {
  if (daysLeft < 0) return 'ended';
  if (daysLeft <= 7) return 7;
  if (daysLeft <= 14) return 14;
  if (daysLeft <= 30) return 30;
  return null;
}

function checkLength(start: string, end: string) {
  if (end < start) throw new AppError(400, 'ends_before_start');
  const latest = addMonths(start, maxReflectionMonths);
  if (end > latest) throw new AppError(400, 'reflection_too_long', { months: maxReflectionMonths, latest });
}

export async function grantReflectionPeriod(ctx: AppContext, who: Who, clientId: string, input: ReflectionGrant) {
  await openClient(ctx, who, clientId, { write: 'immigration', action: 'reflection.grant' });
  if (!(await isClient(ctx.db, clientId))) throw new AppError(409, 'not_a_client');
  checkLength(input.start, input.end);
  const periods = await ctx.db.selectFrom('reflection_periods').selectAll().where('person_id', '=', clientId).execute();
  if (periods.some((period) => period.start_date <= input.end && effectiveEnd(period) >= input.start))
    throw new AppError(409, 'reflection_overlaps');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reflection_periods')
      .values({
        person_id: clientId,
        granted_by: input.grantedBy,
        start_date: input.start,
        end_date: input.end,
        granted_end_date: input.end,
        recorded_by: who.actor.id,
      })
      .execute();
    await auditChange(trx, ctx, who, 'reflection.grant', clientId, 'immigration', {
      start: input.start,
      end: input.end,
      grantedBy: input.grantedBy,
    });
  });
}

/** Extending moves the end, still within six months of the start; interrupting ends it early. */
export async function changeReflectionPeriod(ctx: AppContext, who: Who, clientId: string, start: string, change: ReflectionChange) {
  await openClient(ctx, who, clientId, { write: 'immigration', action: 'reflection.change' });
  const period = await ctx.db
    .selectFrom('reflection_periods')
    .selectAll()
    .where('person_id', '=', clientId)
    .where('start_date', '=', start)
    .executeTakeFirst();
  if (!period) throw notFound();
  const today = helsinkiDate();
  if (period.interrupted_on || period.end_date < today) throw new AppError(409, 'reflection_not_active');
  if ('extendTo' in change) {
    if (change.extendTo <= period.end_date)
      throw new AppError(400, 'validation_failed', {}, [{ field: 'extendTo', problem: 'not_after_end' }]);
    checkLength(start, change.extendTo);
  } else if (change.interruptOn < start || change.interruptOn > period.end_date) {
    throw new AppError(400, 'validation_failed', {}, [{ field: 'interruptOn', problem: 'outside_period' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('reflection_periods')
      .set('extendTo' in change ? { end_date: change.extendTo } : { interrupted_on: change.interruptOn })
      .where('person_id', '=', clientId)
      .where('start_date', '=', start)
      .execute();
    await auditChange(trx, ctx, who, 'extendTo' in change ? 'reflection.extend' : 'reflection.interrupt', clientId, 'immigration', {
      start,
      ...change,
    });
  });
}

/**
 * Every period ending within 30 days or ended in the last week, soonest first: the director sees all,
 * staff their own clients'. The home page shows the same list, so no period lapses unnoticed.
 */
export async function reflectionOverview(ctx: AppContext, who: Who) {
  const today = helsinkiDate();
  let query = ctx.db
    .selectFrom('reflection_periods')
    .innerJoin('persons', 'persons.id', 'reflection_periods.person_id')
    .select([
      'reflection_periods.person_id',
      'reflection_periods.granted_by',
      'reflection_periods.start_date',
      'reflection_periods.end_date',
      'reflection_periods.interrupted_on',
      'persons.name',
    ])
    .where('reflection_periods.interrupted_on', 'is', null)
    .where('reflection_periods.end_date', '>=', addDays(today, -7))
    .where('reflection_periods.end_date', '<=', addDays(today, 30))
    .orderBy('reflection_periods.end_date')
    .limit(1000);
  const inScope = personsInScope(ctx.db, who.actor, listScope(who.actor, 'reflection.overview'));
  if (inScope) query = query.where('reflection_periods.person_id', 'in', inScope);
  const rows = await query.execute();
  await auditListRead(
    ctx.db,
    ctx,
    who,
    'reflection.overview',
    rows.map((row) => row.person_id),
  );
  return rows.map((row) => {
    const daysLeft = daysBetween(today, row.end_date);
    return {
      clientId: row.person_id,
      name: openPersonName(ctx.cipher, row.person_id, row.name),
      grantedBy: row.granted_by,
      start: row.start_date,
      end: row.end_date,
      daysLeft,
      warning: warningLevel(daysLeft),
    };
  });
}
