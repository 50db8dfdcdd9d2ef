import { randomUUID } from 'node:crypto';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Who } from '../../core/record/access.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { auditStudy, openStudy } from './service.ts';
import type { ConsentInput, ParticipantInput, WithdrawalInput } from './schema.ts';

/**
 * Participants are professionals known to the study by a code (P01, P02…). Their names and contact
 * details, when kept, are sealed like a client's name (bound to the row) in a table of their own;
 * lists never carry them, and opening them is its own audited read.
 */
const sealed = (ctx: AppContext, column: 'name' | 'contact', id: string) => protectedContext('study_participant_identities', column, id);

async function findParticipant(db: Database, studyId: string, participantId: string) {
  const participant = await db
    .selectFrom('study_participants')
    .selectAll()
    .where('id', '=', participantId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!participant) throw notFound();
  return participant;
}

export async function listParticipants(ctx: AppContext, who: Who, studyId: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const participants = await ctx.db
    .selectFrom('study_participants')
    .leftJoin('study_participant_identities', 'study_participant_identities.id', 'study_participants.id')
    .select([
      'study_participants.id',
      'code',
      'organisation_type',
      'role',
      'region',
      'study_participant_identities.id as identity',
      'study_participant_identities.name',
      'study_participant_identities.contact',
    ])
    .where('study_id', '=', studyId)
    .orderBy('code')
    .execute();
  const ids = participants.map((participant) => participant.id);
  const consents = ids.length
    ? await ctx.db.selectFrom('study_consents').selectAll().where('participant_id', 'in', ids).orderBy('recorded_at').execute()
    : [];
  const withdrawals = ids.length
    ? await ctx.db
        .selectFrom('study_withdrawals')
        .leftJoin('accounts', 'accounts.id', 'study_withdrawals.recorded_by')
        .select(['participant_id', 'withdrawn_on', 'removed', 'recorded_at', 'accounts.display_name'])
        .where('participant_id', 'in', ids)
        .execute()
    : [];
  await auditStudy(ctx.db, ctx, who, 'studies.participants.list', studyId, { participants: ids });
  return participants.map((participant) => {
    const consent = consents.filter((row) => row.participant_id === participant.id).at(-1);
    const withdrawal = withdrawals.find((row) => row.participant_id === participant.id);
    return {
      id: participant.id,
      code: participant.code,
      organisationType: participant.organisation_type,
      role: participant.role,
      region: participant.region,
      identityKept: participant.name !== null || participant.contact !== null,
      consent: consent
        ? {
            informationSheetVersion: consent.information_sheet_version,
            formVersion: consent.form_version,
            givenOn: consent.given_on,
            method: consent.method,
            recording: consent.recording,
            quotations: consent.quotations,
            archiving: consent.archiving,
            reuse: consent.reuse,
            recordedAt: new Date(consent.recorded_at).toISOString(),
          }
        : null,
      withdrawal: withdrawal
        ? {
            withdrawnOn: withdrawal.withdrawn_on,
            recordedAt: new Date(withdrawal.recorded_at).toISOString(),
            recordedBy: withdrawal.display_name ?? '',
            removed: withdrawal.removed,
          }
        : null,
    };
  });
}

/** The next free code of the study: P01, P02… (never reused, even after a withdrawal). */
async function nextCode(db: Database, studyId: string) {
  const codes = await db.selectFrom('study_participants').select('code').where('study_id', '=', studyId).execute();
  const highest = Math.max(0, ...codes.map((row) => Number(/^P(\d+)$/.exec(row.code)?.[1] ?? 0)));
  return `P${String(highest + 1).padStart(2, '0')}`;
}

export async function addParticipant(ctx: AppContext, who: Who, studyId: string, input: ParticipantInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const id = randomUUID();
  const name = input.name?.trim() || null;
  const contact = input.contact?.trim() || null;
  const code = await ctx.db.transaction().execute(async (trx) => {
    // One code at a time per study: the unique constraint refuses a race, and the lock avoids it.
    await trx.selectFrom('studies').select('id').where('id', '=', studyId).forUpdate().execute();
    const code = await nextCode(trx, studyId);
    await trx
      .insertInto('study_participants')
      .values({
        id,
        study_id: studyId,
        code,
        organisation_type: input.organisationType,
        role: input.role?.trim() || null,
        region: input.region?.trim() || null,
      })
      .execute();
    if (name || contact)
      await trx
        .insertInto('study_participant_identities')
        .values({
          id,
          name: ctx.cipher.encryptOptional(name, sealed(ctx, 'name', id)),
          contact: ctx.cipher.encryptOptional(contact, sealed(ctx, 'contact', id)),
        })
        .execute();
    await auditStudy(trx, ctx, who, 'studies.participants.add', studyId, {
      participantId: id,
      code,
      identityKept: Boolean(name || contact),
    });
    return code;
  });
  return { id, code };
}

/** A participant's name and contact details: only the team opens them, and each opening is in the audit log. */
export async function openIdentity(ctx: AppContext, who: Who, studyId: string, participantId: string) {
  await openStudy(ctx, who, studyId, 'studies.write');
  await findParticipant(ctx.db, studyId, participantId);
  const identity = await ctx.db.selectFrom('study_participant_identities').selectAll().where('id', '=', participantId).executeTakeFirst();
  await auditStudy(ctx.db, ctx, who, 'studies.participants.identity', studyId, { participantId });
  return {
    name: ctx.cipher.decryptOptional(identity?.name ?? null, sealed(ctx, 'name', participantId)),
    contact: ctx.cipher.decryptOptional(identity?.contact ?? null, sealed(ctx, 'contact', participantId)),
  };
}

export async function recordConsent(ctx: AppContext, who: Who, studyId: string, participantId: string, input: ConsentInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const participant = await findParticipant(ctx.db, studyId, participantId);
  if (participant.withdrawn_at) throw new AppError(409, 'study_participant_withdrawn');
  if (input.givenOn > helsinkiDate()) throw new AppError(400, 'validation_failed', {}, [{ field: 'givenOn', problem: 'not_in_future' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('study_consents')
      .values({
        id: randomUUID(),
        participant_id: participantId,
        information_sheet_version: input.informationSheetVersion.trim(),
        form_version: input.formVersion.trim(),
        given_on: input.givenOn,
        method: input.method,
        recording: input.recording,
        quotations: input.quotations,
        archiving: input.archiving,
        reuse: input.reuse,
        recorded_by: who.actor.id,
      })
      .execute();
    await auditStudy(trx, ctx, who, 'studies.participants.consent', studyId, {
      participantId,
      scope: { recording: input.recording, quotations: input.quotations, archiving: input.archiving, reuse: input.reuse },
    });
  });
}

/**
 * Withdrawal: the participant's material leaves the study and every later export, and their name and
 * contact details are erased. What is kept is that it happened: the code, the day, who recorded it and
 * how much of each kind was removed (`removeMaterial`).
 */
export async function withdrawParticipant(ctx: AppContext, who: Who, studyId: string, participantId: string, input: WithdrawalInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const participant = await findParticipant(ctx.db, studyId, participantId);
  if (participant.withdrawn_at) throw new AppError(409, 'study_participant_withdrawn');
  if (input.withdrawnOn > helsinkiDate())
    throw new AppError(400, 'validation_failed', {}, [{ field: 'withdrawnOn', problem: 'not_in_future' }]);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await removeMaterial(trx, participantId);
    const identity = await trx.deleteFrom('study_participant_identities').where('id', '=', participantId).executeTakeFirst();
    removed.identity = Number(identity.numDeletedRows);
    await trx.updateTable('study_participants').set({ withdrawn_at: new Date() }).where('id', '=', participantId).execute();
    await trx
      .insertInto('study_withdrawals')
      .values({
        id: randomUUID(),
        participant_id: participantId,
        withdrawn_on: input.withdrawnOn,
        removed: JSON.stringify(removed),
        recorded_by: who.actor.id,
      })
      .execute();
    await auditStudy(trx, ctx, who, 'studies.participants.withdraw', studyId, { participantId, code: participant.code, removed });
  });
}

/**
 * Removes what the participant said from the study, by kind, and returns how much of each kind: their
 * transcripts, and with them every coding (segment) of those transcripts, the segments marked as
 * quotations, the memos on them and their division by guide question. Exports read only what is
 * left, so no later export carries any of it.
 */
async function removeMaterial(db: Database, participantId: string): Promise<Record<string, number>> {
  const transcripts = (await db.selectFrom('study_transcripts').select('id').where('participant_id', '=', participantId).execute()).map(
    (row) => row.id,
  );
  if (transcripts.length === 0) return { transcripts: 0, codings: 0, quotations: 0, memos: 0 };
  const segments = await db.selectFrom('study_segments').select(['id', 'quotation']).where('transcript_id', 'in', transcripts).execute();
  const codings = segments.length
    ? await db
        .selectFrom('study_segment_codes')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where(
          'segment_id',
          'in',
          segments.map((segment) => segment.id),
        )
        .executeTakeFirstOrThrow()
    : { count: '0' };
  let memos = db
    .selectFrom('study_memos')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('transcript_id', 'in', transcripts);
  if (segments.length > 0)
    memos = db
      .selectFrom('study_memos')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where((eb) =>
        eb.or([
          eb('transcript_id', 'in', transcripts),
          eb(
            'segment_id',
            'in',
            segments.map((segment) => segment.id),
          ),
        ]),
      );
  const memoCount = Number((await memos.executeTakeFirstOrThrow()).count);
  // Segments, their codes, memos and sections go with the transcript (on delete cascade).
  await db.deleteFrom('study_transcripts').where('id', 'in', transcripts).execute();
  return {
    transcripts: transcripts.length,
    codings: Number(codings.count),
    quotations: segments.filter((segment) => segment.quotation).length,
    memos: memoCount,
  };
}
