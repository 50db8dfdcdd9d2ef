import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import type { TrainingEvent, TrainingInput } from './schema.ts';

/** The training events, the latest first. */
export async function listTraining(ctx: AppContext): Promise<TrainingEvent[]> {
  const rows = await ctx.db
    .selectFrom('training_events')
    .selectAll()
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    heldOn: row.held_on,
    topic: row.topic,
    region: row.region,
    participants: row.participants,
    audience: row.audience,
  }));
}

/**
 * A training event with its audience counted by actor type. The audience cannot be more than the
 * participants; some participants may be of no type the trainer knew.
 */
export async function recordTraining(ctx: AppContext, who: Who, input: TrainingInput): Promise<{ id: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  if (input.heldOn > helsinkiDate(new Date())) problems.push({ field: 'heldOn', problem: 'not_in_future' });
  const counted = Object.values(input.audience).reduce((sum, count) => sum + count, 0);
  if (counted > input.participants) problems.push({ field: 'participants', problem: 'fewer_than_audience' });
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('training_events')
      .values({
        id,
        held_on: input.heldOn,
        topic: input.topic,
        region: input.region,
        participants: input.participants,
        audience: JSON.stringify(input.audience),
        recorded_by: who.actor.id,
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'training.record',
      outcome: 'succeeded',
      details: { training: id, participants: input.participants },
    });
  });
  return { id };
}
