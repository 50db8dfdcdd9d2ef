import { randomUUID } from 'node:crypto';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { daysBetween, helsinkiDate } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { auditChange, auditListRead, openClient, type Who } from '../../core/record/access.ts';
import { endAssistance, isClient, isTerminated } from '../casework/index.ts';
import { openPersonName } from '../../core/record/personNames.ts';
import type { ExpertInput, IdentificationDecision } from './schema.ts';

/**
 * Official identification: requested, the multi-professional expert group heard (members by
 * authority, their statements, the meeting), then decided. Not identified ends the services.
 */
const openIdentification = (db: Database, clientId: string) =>
  db.selectFrom('identifications').selectAll().where('person_id', '=', clientId).where('decided_at', 'is', null).executeTakeFirst();

async function requireOpen(ctx: AppContext, clientId: string) {
  const open = await openIdentification(ctx.db, clientId);
  if (!open) throw new AppError(409, 'identification_closed');
  return open;
}

export async function requestIdentification(ctx: AppContext, who: Who, clientId: string) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'identification.request' });
  if (!(await isClient(ctx.db, clientId)) || (await isTerminated(ctx.db, clientId))) throw new AppError(409, 'not_a_client');
  if (await openIdentification(ctx.db, clientId)) throw new AppError(409, 'identification_open');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('identifications')
      .values({
        person_id: clientId,
        requested_at: new Date(),
        requested_by: who.actor.id,
        started_at: null,
        decided_at: null,
        outcome: null,
      })
      .execute();
    await auditChange(trx, ctx, who, 'identification.request', clientId, 'case');
  });
}

/** Asking an authority's member into the group starts the consultation. */
export async function addExpert(ctx: AppContext, who: Who, clientId: string, input: ExpertInput) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'identification.expert' });
  const open = await requireOpen(ctx, clientId);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('identification_experts')
      .values({
        id,
        person_id: clientId,
        requested_at: open.requested_at,
        authority: input.authority,
        member_name: ctx.cipher.encrypt(input.memberName, protectedContext('identification_experts', 'member_name', id)),
      })
      .execute();
    if (!open.started_at)
      await trx
        .updateTable('identifications')
        .set({ started_at: new Date() })
        .where('person_id', '=', clientId)
        .where('requested_at', '=', open.requested_at)
        .execute();
    await auditChange(trx, ctx, who, 'identification.expert', clientId, 'case', { authority: input.authority });
  });
  return { id };
}

export async function recordStatement(ctx: AppContext, who: Who, clientId: string, expertId: string, statement: string) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'identification.statement' });
  const open = await requireOpen(ctx, clientId);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('identification_experts')
      .set({
        statement: ctx.cipher.encrypt(statement, protectedContext('identification_experts', 'statement', expertId)),
        stated_at: new Date(),
      })
      .where('id', '=', expertId)
      .where('person_id', '=', clientId)
      .where('requested_at', '=', open.requested_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound();
    await auditChange(trx, ctx, who, 'identification.statement', clientId, 'case', { expert: expertId });
  });
}

export async function setMeetingDate(ctx: AppContext, who: Who, clientId: string, meetingDate: string) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'identification.meeting' });
  const open = await requireOpen(ctx, clientId);
  if (meetingDate < helsinkiDate(open.requested_at))
    throw new AppError(400, 'validation_failed', {}, [{ field: 'meetingDate', problem: 'before_start' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('identifications')
      .set({ meeting_date: meetingDate })
      .where('person_id', '=', clientId)
      .where('requested_at', '=', open.requested_at)
      .execute();
    await auditChange(trx, ctx, who, 'identification.meeting', clientId, 'case', { meetingDate });
  });
}

/** Decided by the director or a designated official, after the group was heard; the client is told. */
export async function decideIdentification(ctx: AppContext, who: Who, clientId: string, input: IdentificationDecision) {
  await openClient(ctx, who, clientId, { write: 'case', action: 'identification.decide' });
  const open = await requireOpen(ctx, clientId);
  const stated = await ctx.db
    .selectFrom('identification_experts')
    .select('id')
    .where('person_id', '=', clientId)
    .where('requested_at', '=', open.requested_at)
    .where('stated_at', 'is not', null)
    .execute();
  if (!open.meeting_date || stated.length === 0) throw new AppError(409, 'expert_statements_missing');
  if (!input.clientTold) throw new AppError(400, 'validation_failed', {}, [{ field: 'clientTold', problem: 'client_must_be_told' }]);
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('identifications')
      .set({ decided_at: now, outcome: input.outcome, decided_by: who.actor.id, client_told_at: now })
      .where('person_id', '=', clientId)
      .where('requested_at', '=', open.requested_at)
      .execute();
    // Not identified ends assistance, and with it what ending assistance closes (casework's endAssistance).
    const ended =
      input.outcome === 'not_identified' && !(await isTerminated(trx, clientId))
        ? await endAssistance(trx, clientId, now, 'not_identified', who.actor.id)
        : null;
    await auditChange(trx, ctx, who, 'identification.decide', clientId, 'case', { outcome: input.outcome, ...(ended && { ended }) });
  });
}

/** Everyone waiting for identification, oldest request first: the known bottleneck, in days. */
export async function identificationQueue(ctx: AppContext, who: Who) {
  const rows = await ctx.db
    .selectFrom('identifications')
    .innerJoin('persons', 'persons.id', 'identifications.person_id')
    .select([
      'identifications.person_id',
      'identifications.requested_at',
      'identifications.started_at',
      'identifications.meeting_date',
      'persons.name',
      'persons.office_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('identification_experts')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('identification_experts.person_id', '=', 'identifications.person_id')
        .whereRef('identification_experts.requested_at', '=', 'identifications.requested_at')
        .where('identification_experts.stated_at', 'is not', null)
        .as('statements'),
    )
    .where('identifications.decided_at', 'is', null)
    .orderBy('identifications.requested_at')
    .limit(1000)
    .execute();
  const today = helsinkiDate();
  await auditListRead(
    ctx.db,
    ctx,
    who,
    'identification.queue',
    rows.map((row) => row.person_id),
  );
  return rows.map((row) => ({
    clientId: row.person_id,
    name: openPersonName(ctx.cipher, row.person_id, row.name),
    officeId: row.office_id,
    requestedAt: new Date(row.requested_at).toISOString(),
    waitedDays: daysBetween(helsinkiDate(row.requested_at), today),
    started: row.started_at !== null,
    meetingDate: row.meeting_date,
    statements: Number(row.statements ?? 0),
  }));
}
