import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../core/context.ts';
import { appendAudit } from '../../core/audit/audit.ts';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { auditChange, auditWho, openClient, type Who } from '../../core/record/access.ts';
import { fairWorkChecks } from './codes.ts';
import { addReminder } from './reminders.ts';
import type { EmployerInput, PlacementInput } from './schema.ts';

/** Employers engaged in the work, with their contact persons: the assistance system's own list, no client's data. */
export async function listEmployers(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('pathway_employers').selectAll().orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, engagement: row.engagement, contactPersons: row.contact_persons }));
}

export async function addEmployer(ctx: AppContext, who: Who, input: EmployerInput) {
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pathway_employers')
      .values({ id, name: input.name, engagement: input.engagement, contact_persons: input.contactPersons })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'pathway.employers.add',
      outcome: 'succeeded',
      details: { employer: id },
    });
  });
  return { id };
}

/** The points of the fair-work check not met: each one a warning on the placement. */
export const unmetChecks = (checks: Record<string, boolean>) => fairWorkChecks.filter((check) => checks[check] !== true);

/**
 * A placement or job, with the fair-work check recorded with the person. Any point not met shows as a
 * warning and becomes a task for whoever recorded it, due today: a second exploitation is prevented
 * by acting on it, not by refusing to record it.
 */
export async function recordPlacement(ctx: AppContext, who: Who, clientId: string, input: PlacementInput, language: string) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'pathway.placements.record' });
  if (input.endsOn && input.endsOn < input.startsOn) throw new AppError(400, 'pathway_placement_dates');
  if (input.checkedOn > helsinkiDate()) throw new AppError(400, 'pathway_date_in_future');
  const employer = await ctx.db.selectFrom('pathway_employers').select('id').where('id', '=', input.employerId).executeTakeFirst();
  if (!employer) throw new AppError(400, 'pathway_unknown_employer');
  const id = randomUUID();
  const unmet = unmetChecks(input.checks);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pathway_placements')
      .values({
        id,
        person_id: clientId,
        employer_id: input.employerId,
        kind: input.kind,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
        checked_on: input.checkedOn,
        checks: JSON.stringify(input.checks),
        recorded_by: who.actor.id,
      })
      .execute();
    if (unmet.length > 0) await addReminder(trx, ctx, who, clientId, 'fair_work', helsinkiDate(), language);
    await auditChange(trx, ctx, who, 'pathway.placements.record', clientId, 'services', { placement: id, unmet });
  });
  return { id };
}
