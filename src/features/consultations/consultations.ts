import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Database } from '../../core/db/database.ts';
import type { ConsultationsTable } from '../../core/db/competenceTypes.ts';
import { helsinkiDate, isoInstant } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import type { Selectable } from 'kysely';
import type { AnswerInput, Consultation, ConsultationInput, ConsultationSummary } from './schema.ts';
import { lookIntoFurther, warningSigns, type SignAnswer } from './warningSigns.ts';

type Row = Selectable<ConsultationsTable>;

const summaryOf = (row: Row): ConsultationSummary => {
  const signs = (row.signs ?? {}) as Record<string, SignAnswer>;
  return {
    id: row.id,
    heldOn: row.held_on,
    channel: row.channel,
    actorType: row.actor_type,
    organisation: row.organisation,
    region: row.region,
    topic: row.topic,
    outcome: row.outcome,
    durationMinutes: row.duration_minutes,
    status: row.status,
    signs,
    lookIntoFurther: lookIntoFurther(signs),
  };
};

const notInFuture = (day: string) => {
  if (day > helsinkiDate(new Date())) throw new AppError(400, 'validation_failed', {}, [{ field: 'heldOn', problem: 'not_in_future' }]);
};

/**
 * The consultations, those waiting to be answered first, then the latest. A row carries no sealed
 * text: the question and the professional's contact are opened one consultation at a time, audited.
 */
export async function listConsultations(ctx: AppContext): Promise<ConsultationSummary[]> {
  const rows = await ctx.db
    .selectFrom('consultations')
    .selectAll()
    .orderBy((eb) => eb.case().when('status', '=', 'waiting').then(0).else(1).end())
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(summaryOf);
}

/** How many consultations from the guide wait for an answer (the home page's count). */
export async function waitingConsultationCount(db: Database): Promise<number> {
  const row = await db
    .selectFrom('consultations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One consultation with its question, the professional's contact and the answer opened; the read is audited. */
export async function readConsultation(ctx: AppContext, who: Who, id: string): Promise<Consultation> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('consultations as c')
      .leftJoin('accounts as answerer', 'answerer.id', 'c.answered_by')
      .leftJoin('accounts as recorder', 'recorder.id', 'c.recorded_by')
      .selectAll('c')
      .select(['answerer.display_name as answerer_name', 'recorder.display_name as recorder_name'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    const open = (column: 'question' | 'contact' | 'answer') =>
      ctx.cipher.decryptOptional(row[column], protectedContext('consultations', column, row.id));
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'consultations.read',
      outcome: 'succeeded',
      details: { consultation: id, sealed: ['question', 'contact', 'answer'].filter((column) => row[column as 'question'] !== null) },
    });
    return {
      ...summaryOf(row),
      question: open('question'),
      contact: open('contact'),
      answer: open('answer'),
      language: row.language,
      signDetails: warningSigns
        .filter((sign) => row.signs?.[sign.id])
        .map((sign) => ({ id: sign.id, answer: row.signs![sign.id], ilo: [...sign.ilo], htcds: [...sign.htcds] })),
      answeredAt: row.answered_at ? isoInstant(row.answered_at) : null,
      answeredBy: row.answerer_name,
      recordedBy: row.recorder_name,
    };
  });
}

/** A consultation staff took by phone, e-mail, chat or in a meeting: recorded as answered, with what followed. */
export async function recordConsultation(ctx: AppContext, who: Who, input: ConsultationInput): Promise<{ id: string }> {
  notInFuture(input.heldOn);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultations')
      .values({
        id,
        held_on: input.heldOn,
        channel: input.channel,
        actor_type: input.actorType,
        organisation: input.organisation?.trim() || null,
        region: input.region ?? null,
        topic: input.topic,
        outcome: input.outcome,
        duration_minutes: input.durationMinutes,
        signs: null,
        status: 'answered',
        recorded_by: who.actor.id,
        answered_by: who.actor.id,
        answered_at: new Date(),
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'consultations.record',
      outcome: 'succeeded',
      details: { consultation: id, channel: input.channel, topic: input.topic },
    });
  });
  return { id };
}

/** A caseworker answers a consultation that came from the guide: the answer (sealed), the topic and what followed. */
export async function answerConsultation(ctx: AppContext, who: Who, id: string, input: AnswerInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('consultations').select(['status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound();
    if (row.status !== 'waiting') throw new AppError(409, 'consultation_answered');
    await trx
      .updateTable('consultations')
      .set({
        topic: input.topic,
        outcome: input.outcome,
        duration_minutes: input.durationMinutes ?? null,
        answer: ctx.cipher.encrypt(input.answer.trim(), protectedContext('consultations', 'answer', id)),
        status: 'answered',
        answered_by: who.actor.id,
        answered_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'consultations.answer',
      outcome: 'succeeded',
      details: { consultation: id, topic: input.topic, outcome: input.outcome },
    });
  });
}
