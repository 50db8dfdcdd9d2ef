import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../core/context.ts';
import { addMonths, helsinkiDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { auditChange, openClient, type Who } from '../../core/record/access.ts';
import { progressReadingMonths } from './codes.ts';
import type { ProgressInput } from './schema.ts';
import { addReminder, closeReminders } from './reminders.ts';

/**
 * A reading of the progress scale, made together with the person. The next reading falls 3, 6 and
 * 12 months after the first, and becomes a reminder for whoever recorded this one; the reminder of
 * this reading, if one was open, is done.
 */
export async function recordProgress(ctx: AppContext, who: Who, clientId: string, input: ProgressInput, language: string) {
  await openClient(ctx, who, clientId, { write: 'coaching', action: 'pathway.progress.record' });
  if (input.readOn > helsinkiDate()) throw new AppError(400, 'pathway_date_in_future');
  const earlier = await ctx.db
    .selectFrom('pathway_progress')
    .select('read_on')
    .where('person_id', '=', clientId)
    .orderBy('read_on')
    .execute();
  if (earlier.some((row) => row.read_on === input.readOn)) throw new AppError(409, 'pathway_progress_same_day');
  const first = earlier[0]?.read_on ?? input.readOn;
  const months = progressReadingMonths[earlier.length];
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pathway_progress')
      .values({ id, person_id: clientId, read_on: input.readOn, scores: JSON.stringify(input.scores), recorded_by: who.actor.id })
      .execute();
    // A reading recorded afterwards for an earlier day answers no reminder.
    if (earlier.every((row) => row.read_on < input.readOn)) await closeReminders(trx, clientId, 'progress_reading');
    if (months !== undefined) {
      const due = addMonths(first < input.readOn ? first : input.readOn, months);
      if (due > input.readOn) await addReminder(trx, ctx, who, clientId, 'progress_reading', due, language);
    }
    await auditChange(trx, ctx, who, 'pathway.progress.record', clientId, 'coaching', { reading: id });
  });
  return { id };
}
