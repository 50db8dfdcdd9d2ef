import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import type { Who } from '../../core/record/access.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { auditStudy, openStudy } from './service.ts';
import { findInterview } from './interviews.ts';
import { codePointLength, sliceByCodePoints, utf16Offsets } from './positions.ts';
import { applyReplacements, proposeReplacements, type KnownName, type PseudonymKind } from './pseudonymise.ts';
import { transcriptText } from './transcriptFile.ts';
import { segmentsOf } from './coding.ts';
import { findTranscript, openText, sealText } from './transcriptStore.ts';

import type { SectionsInput, TranscriptInput, TranscriptPreviewInput } from './transcriptSchema.ts';

const sealedTerm = (id: string) => protectedContext('study_pseudonyms', 'term', id);
const sealedMemo = (id: string) => protectedContext('study_memos', 'body', id);

/**
 * The names the study already knows: its participants' names (replaced by their codes) and the names
 * replaced in its earlier transcripts, with the codes they were given, so a name keeps one code.
 */
async function knownNames(ctx: AppContext, studyId: string): Promise<KnownName[]> {
  const participants = await ctx.db
    .selectFrom('study_participants')
    .innerJoin('study_participant_identities', 'study_participant_identities.id', 'study_participants.id')
    .select(['study_participants.id', 'code', 'name'])
    .where('study_id', '=', studyId)
    .execute();
  const names: KnownName[] = [];
  for (const participant of participants) {
    const name = ctx.cipher.decryptOptional(participant.name, protectedContext('study_participant_identities', 'name', participant.id));
    if (!name) continue;
    // The whole name, and each of its words, stand for the participant.
    for (const term of [name, ...name.split(/\s+/).filter((word) => word.length > 2)])
      names.push({ kind: 'person', term, replacement: `[${participant.code}]` });
  }
  const listed = await ctx.db.selectFrom('study_pseudonyms').selectAll().where('study_id', '=', studyId).orderBy('created_at').execute();
  for (const row of listed)
    names.push({ kind: row.kind as PseudonymKind, term: ctx.cipher.decrypt(row.term, sealedTerm(row.id)), replacement: row.replacement });
  return names;
}

/** Reads a transcript file and proposes its names for replacement; nothing is stored, and the audit log keeps no word of it. */
export async function previewTranscript(ctx: AppContext, who: Who, studyId: string, input: TranscriptPreviewInput, language: Language) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const { text } = await transcriptText(input.fileName, input.contentBase64);
  const proposals = proposeReplacements(text, await knownNames(ctx, studyId), (kind, n) =>
    translate(language, `study.pseudonymCodes.${kind}`, { n }),
  );
  await auditStudy(ctx.db, ctx, who, 'studies.transcripts.preview', studyId, { proposals: proposals.length });
  return { text, length: codePointLength(text), proposals };
}

/**
 * Saves an interview's transcript: the file read again, the accepted names replaced, the text sealed.
 * Names replaced are remembered, sealed, so the study's later transcripts propose the same codes.
 */
export async function saveTranscript(ctx: AppContext, who: Who, studyId: string, input: TranscriptInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const interview = await findInterview(ctx.db, studyId, input.interviewId).catch(() => {
    throw new AppError(400, 'validation_failed', {}, [{ field: 'interviewId', problem: 'unknown' }]);
  });
  const participant = await ctx.db
    .selectFrom('study_participants')
    .select(['code', 'withdrawn_at'])
    .where('id', '=', interview.participant_id)
    .executeTakeFirstOrThrow();
  if (participant.withdrawn_at) throw new AppError(409, 'study_participant_withdrawn');
  const existing = await ctx.db.selectFrom('study_transcripts').select('id').where('interview_id', '=', interview.id).executeTakeFirst();
  if (existing) throw new AppError(409, 'study_transcript_exists');
  const { format, text: original } = await transcriptText(input.fileName, input.contentBase64);
  const accepted = input.replacements.map((item) => ({ ...item, term: item.term.trim(), replacement: item.replacement.trim() }));
  const { text, count } = applyReplacements(original, accepted);
  const known = await knownNames(ctx, studyId);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('study_transcripts')
      .values({
        id,
        study_id: studyId,
        interview_id: interview.id,
        participant_id: interview.participant_id,
        name: `${participant.code} ${interview.held_on}`,
        content: sealText(ctx, id, text),
        length: codePointLength(text),
        imported_from: format,
        replacements: count,
        created_by: who.actor.id,
      })
      .execute();
    const remembered = accepted.filter((item) => !known.some((name) => name.term === item.term && name.replacement === item.replacement));
    for (const item of remembered) {
      const pseudonymId = randomUUID();
      await trx
        .insertInto('study_pseudonyms')
        .values({
          id: pseudonymId,
          study_id: studyId,
          kind: item.kind,
          term: ctx.cipher.encrypt(item.term, sealedTerm(pseudonymId)),
          replacement: item.replacement,
        })
        .execute();
    }
    await auditStudy(trx, ctx, who, 'studies.transcripts.import', studyId, {
      transcriptId: id,
      interviewId: interview.id,
      format,
      replacements: count,
    });
  });
  return { id };
}

/** Guide questions of the study, labelled by their place in their guide (1.2 = section 1, question 2). */
export async function guideQuestions(db: Database, studyId: string) {
  const rows = await db
    .selectFrom('study_guide_questions')
    .innerJoin('study_guide_sections', 'study_guide_sections.id', 'study_guide_questions.section_id')
    .innerJoin('study_guides', 'study_guides.id', 'study_guide_sections.guide_id')
    .select([
      'study_guide_questions.id',
      'study_guide_questions.text',
      'study_guide_questions.position',
      'study_guide_sections.position as section',
      'study_guides.title as guide',
      'study_guides.id as guide_id',
    ])
    .where('study_guides.study_id', '=', studyId)
    .orderBy('study_guides.title')
    .orderBy('study_guide_sections.position')
    .orderBy('study_guide_questions.position')
    .execute();
  const guides = new Set(rows.map((row) => row.guide_id)).size;
  return rows.map((row) => ({
    id: row.id,
    label: `${guides > 1 ? `${row.guide} ` : ''}${row.section}.${row.position}`,
    text: row.text,
  }));
}

export async function readTranscript(ctx: AppContext, who: Who, studyId: string, transcriptId: string) {
  const { study, canEdit } = await openStudy(ctx, who, studyId, 'studies.read');
  const row = await findTranscript(ctx.db, studyId, transcriptId);
  const participant = row.participant_id
    ? await ctx.db
        .selectFrom('study_participants')
        .select(['code', 'organisation_type'])
        .where('id', '=', row.participant_id)
        .executeTakeFirst()
    : undefined;
  const interview = row.interview_id
    ? await ctx.db.selectFrom('study_interviews').select('held_on').where('id', '=', row.interview_id).executeTakeFirst()
    : undefined;
  const [questions, sections, segments, memo] = await Promise.all([
    guideQuestions(ctx.db, studyId),
    ctx.db
      .selectFrom('study_transcript_sections')
      .select(['question_id', 'start_position', 'end_position'])
      .where('transcript_id', '=', transcriptId)
      .orderBy('start_position')
      .execute(),
    segmentsOf(ctx, who, [transcriptId]),
    ctx.db.selectFrom('study_memos').select(['id', 'body']).where('transcript_id', '=', transcriptId).executeTakeFirst(),
  ]);
  await auditStudy(ctx.db, ctx, who, 'studies.transcripts.read', studyId, { transcriptId });
  return {
    id: row.id,
    studyId,
    studyTitle: study.title,
    name: row.name,
    participantCode: participant?.code ?? null,
    organisationType: participant?.organisation_type ?? null,
    heldOn: interview?.held_on ?? null,
    text: openText(ctx, row),
    length: row.length,
    canEdit,
    memo: memo ? ctx.cipher.decrypt(memo.body, sealedMemo(memo.id)) : null,
    questions,
    sections: sections.map((section) => ({ questionId: section.question_id, start: section.start_position, end: section.end_position })),
    segments,
  };
}

/** The transcript divided by guide question: the whole division as it should be, spans within the text and not overlapping. */
export async function saveSections(ctx: AppContext, who: Who, studyId: string, transcriptId: string, input: SectionsInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const row = await findTranscript(ctx.db, studyId, transcriptId);
  const questions = new Set((await guideQuestions(ctx.db, studyId)).map((question) => question.id));
  const problems: Array<{ field: string; problem: string }> = [];
  const sorted = [...input.sections.entries()].sort(([, a], [, b]) => a.start - b.start);
  for (const [position, [index, section]] of sorted.entries()) {
    if (!questions.has(section.questionId)) problems.push({ field: `sections.${index}.questionId`, problem: 'unknown' });
    if (section.end <= section.start || section.end > row.length)
      problems.push({ field: `sections.${index}.end`, problem: 'outside_text' });
    const previous = sorted[position - 1]?.[1];
    if (previous && previous.end > section.start) problems.push({ field: `sections.${index}.start`, problem: 'overlaps' });
  }
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('study_transcript_sections').where('transcript_id', '=', transcriptId).execute();
    if (input.sections.length > 0)
      await trx
        .insertInto('study_transcript_sections')
        .values(
          input.sections.map((section) => ({
            id: randomUUID(),
            transcript_id: transcriptId,
            question_id: section.questionId,
            start_position: section.start,
            end_position: section.end,
          })),
        )
        .execute();
    await auditStudy(trx, ctx, who, 'studies.transcripts.sections', studyId, { transcriptId, sections: input.sections.length });
  });
}

/** What every interview answered to one guide question, read across the study's transcripts. */
export async function answersTo(ctx: AppContext, who: Who, studyId: string, questionId: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const question = (await guideQuestions(ctx.db, studyId)).find((item) => item.id === questionId);
  if (!question) throw notFound();
  const rows = await ctx.db
    .selectFrom('study_transcript_sections')
    .innerJoin('study_transcripts', 'study_transcripts.id', 'study_transcript_sections.transcript_id')
    .leftJoin('study_participants', 'study_participants.id', 'study_transcripts.participant_id')
    .select([
      'study_transcripts.id',
      'study_transcripts.name',
      'study_transcripts.content',
      'study_participants.code',
      'study_participants.organisation_type',
      'study_transcript_sections.start_position',
      'study_transcript_sections.end_position',
    ])
    .where('study_transcript_sections.question_id', '=', questionId)
    .where('study_transcripts.study_id', '=', studyId)
    .orderBy('study_participants.code')
    .orderBy('study_transcript_sections.start_position')
    .execute();
  const texts = new Map<string, { text: string; offsets: number[] }>();
  const answers = rows.map((row) => {
    if (!texts.has(row.id)) {
      const text = openText(ctx, row);
      texts.set(row.id, { text, offsets: utf16Offsets(text) });
    }
    const { text, offsets } = texts.get(row.id)!;
    return {
      transcriptId: row.id,
      name: row.name,
      participantCode: row.code,
      organisationType: row.organisation_type,
      text: sliceByCodePoints(text, row.start_position, row.end_position, offsets),
    };
  });
  await auditStudy(ctx.db, ctx, who, 'studies.transcripts.answers', studyId, { questionId, transcripts: [...texts.keys()] });
  return { question: question.text, label: question.label, answers };
}
