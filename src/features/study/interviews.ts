import { randomUUID } from 'node:crypto';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Who } from '../../core/record/access.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { auditStudy, openStudy } from './service.ts';
import type { InterviewInput } from './transcriptSchema.ts';

const invalid = (field: string, problem: string) => new AppError(400, 'validation_failed', {}, [{ field, problem }]);

export async function findInterview(db: Database, studyId: string, interviewId: string) {
  const interview = await db
    .selectFrom('study_interviews')
    .selectAll()
    .where('id', '=', interviewId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!interview) throw notFound();
  return interview;
}

/** An interview: with a participant of the study who has not withdrawn, by a team member, with one of its guides (its version then). */
export async function addInterview(ctx: AppContext, who: Who, studyId: string, input: InterviewInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const participant = await ctx.db
    .selectFrom('study_participants')
    .select(['id', 'withdrawn_at'])
    .where('id', '=', input.participantId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!participant) throw invalid('participantId', 'unknown');
  if (participant.withdrawn_at) throw new AppError(409, 'study_participant_withdrawn');
  if (input.heldOn > helsinkiDate()) throw invalid('heldOn', 'not_in_future');
  if (input.interviewerId) {
    const member = await ctx.db
      .selectFrom('study_team')
      .select('account_id')
      .where('study_id', '=', studyId)
      .where('account_id', '=', input.interviewerId)
      .executeTakeFirst();
    if (!member) throw invalid('interviewerId', 'unknown');
  }
  const guide = input.guideId
    ? await ctx.db
        .selectFrom('study_guides')
        .select(['id', 'version'])
        .where('id', '=', input.guideId)
        .where('study_id', '=', studyId)
        .executeTakeFirst()
    : null;
  if (input.guideId && !guide) throw invalid('guideId', 'unknown');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('study_interviews')
      .values({
        id,
        study_id: studyId,
        participant_id: input.participantId,
        held_on: input.heldOn,
        mode: input.mode,
        interviewer_id: input.interviewerId,
        length_minutes: input.lengthMinutes,
        guide_id: guide?.id ?? null,
        guide_version: guide?.version ?? null,
        created_by: who.actor.id,
      })
      .execute();
    await auditStudy(trx, ctx, who, 'studies.interviews.add', studyId, { interviewId: id, participantId: input.participantId });
  });
  return { id };
}

export async function listInterviews(ctx: AppContext, who: Who, studyId: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const rows = await ctx.db
    .selectFrom('study_interviews')
    .innerJoin('study_participants', 'study_participants.id', 'study_interviews.participant_id')
    .leftJoin('accounts', 'accounts.id', 'study_interviews.interviewer_id')
    .leftJoin('study_guides', 'study_guides.id', 'study_interviews.guide_id')
    .leftJoin('study_transcripts', 'study_transcripts.interview_id', 'study_interviews.id')
    .select([
      'study_interviews.id',
      'study_interviews.participant_id',
      'study_participants.code',
      'study_participants.organisation_type',
      'study_interviews.held_on',
      'study_interviews.mode',
      'accounts.display_name',
      'study_interviews.length_minutes',
      'study_guides.title as guide_title',
      'study_interviews.guide_version',
      'study_transcripts.id as transcript_id',
      'study_transcripts.name as transcript_name',
      'study_transcripts.length as transcript_length',
      'study_transcripts.replacements',
    ])
    .where('study_interviews.study_id', '=', studyId)
    .orderBy('study_interviews.held_on')
    .orderBy('study_participants.code')
    .execute();
  await auditStudy(ctx.db, ctx, who, 'studies.interviews.list', studyId, { interviews: rows.map((row) => row.id) });
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participant_id,
    participantCode: row.code,
    organisationType: row.organisation_type,
    heldOn: row.held_on,
    mode: row.mode,
    interviewer: row.display_name,
    lengthMinutes: row.length_minutes,
    guideTitle: row.guide_title,
    guideVersion: row.guide_version,
    transcript: row.transcript_id
      ? { id: row.transcript_id, name: row.transcript_name!, length: row.transcript_length!, replacements: row.replacements! }
      : null,
  }));
}
