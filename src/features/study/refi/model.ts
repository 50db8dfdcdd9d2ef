import { translate, type Language } from '../../../core/i18n/i18n.ts';
import type { AppContext } from '../../../server/context.ts';
import { protectedContext } from '../../../core/crypto/protectedColumns.ts';
import { codesOf } from '../codebook.ts';
import { openText } from '../transcriptStore.ts';

/** The three case variables Polku exchanges for each participant, named in the export's language. */
export const caseVariables = ['organisationType', 'role', 'region'] as const;
export const variableName = (language: Language, variable: (typeof caseVariables)[number]) =>
  translate(language, `study.exchange.variables.${variable}`);

/**
 * Everything of a study that a REFI-QDA export carries, read in one fixed order so that the same study
 * always gives the same file: withdrawn participants and their material are not in it (their material
 * is gone; they are not even a case).
 */
export async function studyForExchange(ctx: AppContext, studyId: string) {
  const study = await ctx.db.selectFrom('studies').select(['id', 'title']).where('id', '=', studyId).executeTakeFirstOrThrow();
  const [researchQuestions, codes, coders, participants, transcripts, memos] = await Promise.all([
    ctx.db
      .selectFrom('study_research_questions')
      .select(['id', 'position', 'text'])
      .where('study_id', '=', studyId)
      .orderBy('position')
      .execute(),
    codesOf(ctx.db, studyId),
    ctx.db.selectFrom('study_coders').select(['id', 'name']).where('study_id', '=', studyId).orderBy('name').orderBy('id').execute(),
    ctx.db
      .selectFrom('study_participants')
      .select(['id', 'code', 'organisation_type', 'role', 'region'])
      .where('study_id', '=', studyId)
      .where('withdrawn_at', 'is', null)
      .orderBy('code')
      .execute(),
    ctx.db
      .selectFrom('study_transcripts')
      .select(['id', 'name', 'content', 'participant_id', 'created_at', 'created_by'])
      .where('study_id', '=', studyId)
      .orderBy('name')
      .orderBy('created_at')
      .execute(),
    ctx.db
      .selectFrom('study_memos')
      .select(['id', 'code_id', 'segment_id', 'transcript_id', 'body'])
      .where('study_id', '=', studyId)
      .execute(),
  ]);
  const transcriptIds = transcripts.map((row) => row.id);
  const segments = transcriptIds.length
    ? await ctx.db
        .selectFrom('study_segments')
        .innerJoin('study_coders', 'study_coders.id', 'study_segments.coder_id')
        .select([
          'study_segments.id',
          'transcript_id',
          'coder_id',
          'start_position',
          'end_position',
          'quotation',
          'created_at',
          'study_coders.name as coder',
        ])
        .where('transcript_id', 'in', transcriptIds)
        .orderBy('start_position')
        .orderBy('end_position')
        .orderBy('created_at')
        .orderBy('study_coders.name')
        .execute()
    : [];
  const links = segments.length
    ? await ctx.db
        .selectFrom('study_segment_codes')
        .select(['segment_id', 'code_id'])
        .where(
          'segment_id',
          'in',
          segments.map((row) => row.id),
        )
        .execute()
    : [];
  const codeOrder = new Map(codes.map((code, index) => [code.id, index]));
  return {
    study,
    researchQuestions,
    codes,
    coders,
    participants,
    transcripts: transcripts.map((row) => ({ ...row, text: openText(ctx, row) })),
    segments: segments.map((row) => ({
      ...row,
      codeIds: links
        .filter((link) => link.segment_id === row.id)
        .map((link) => link.code_id)
        .sort((a, b) => codeOrder.get(a)! - codeOrder.get(b)!),
    })),
    memos: memos.map((row) => ({ ...row, text: ctx.cipher.decrypt(row.body, protectedContext('study_memos', 'body', row.id)) })),
  };
}

export type ExchangeStudy = Awaited<ReturnType<typeof studyForExchange>>;
