import { AppError, notFound } from '../../core/errors.ts';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import type { Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { toCsv } from '../statistics/index.ts';
import { agreementOn, disagreements, type Span } from './agreement.ts';
import { codesOf, themeOf, type CodeRow } from './codebook.ts';
import { auditStudy, openStudy } from './service.ts';
import { findTranscript, openText } from './transcriptStore.ts';
import { sliceByCodePoints, utf16Offsets } from './positions.ts';
import { organisationTypes } from './participantKinds.ts';

/** Every coded segment of the study with its text, participant and codes: what the matrix, report and CSV read. */
async function codedSegments(ctx: AppContext, studyId: string) {
  const rows = await ctx.db
    .selectFrom('study_segments')
    .innerJoin('study_transcripts', 'study_transcripts.id', 'study_segments.transcript_id')
    .innerJoin('study_coders', 'study_coders.id', 'study_segments.coder_id')
    .leftJoin('study_participants', 'study_participants.id', 'study_transcripts.participant_id')
    .select([
      'study_segments.id',
      'study_segments.start_position',
      'study_segments.end_position',
      'study_segments.quotation',
      'study_transcripts.id as transcript_id',
      'study_transcripts.name as transcript',
      'study_transcripts.content',
      'study_coders.name as coder',
      'study_participants.id as participant_id',
      'study_participants.code as participant_code',
      'study_participants.organisation_type',
    ])
    .where('study_transcripts.study_id', '=', studyId)
    .orderBy('study_participants.code')
    .orderBy('study_transcripts.name')
    .orderBy('study_segments.start_position')
    .orderBy('study_segments.id')
    .execute();
  const links = rows.length
    ? await ctx.db
        .selectFrom('study_segment_codes')
        .select(['segment_id', 'code_id'])
        .where(
          'segment_id',
          'in',
          rows.map((row) => row.id),
        )
        .execute()
    : [];
  const texts = new Map<string, { text: string; offsets: number[] }>();
  return rows.map((row) => {
    if (!texts.has(row.transcript_id)) {
      const text = openText(ctx, { id: row.transcript_id, content: row.content });
      texts.set(row.transcript_id, { text, offsets: utf16Offsets(text) });
    }
    const { text, offsets } = texts.get(row.transcript_id)!;
    return {
      id: row.id,
      start: row.start_position,
      end: row.end_position,
      quotation: row.quotation,
      transcriptId: row.transcript_id,
      transcript: row.transcript,
      coder: row.coder,
      participantId: row.participant_id,
      participantCode: row.participant_code,
      organisationType: row.organisation_type,
      codeIds: links.filter((link) => link.segment_id === row.id).map((link) => link.code_id),
      text: sliceByCodePoints(text, row.start_position, row.end_position, offsets),
    };
  });
}

type Segment = Awaited<ReturnType<typeof codedSegments>>[number];
const inTheme = (codes: CodeRow[], segment: Segment, themeId: string) => segment.codeIds.some((id) => themeOf(codes, id)?.id === themeId);

/** Themes (top-level codes) × organisation types: how many segments and how many participants in each cell. */
export async function themeMatrix(ctx: AppContext, who: Who, studyId: string) {
  const { study } = await openStudy(ctx, who, studyId, 'studies.read');
  const [codes, segments, questions] = await Promise.all([
    codesOf(ctx.db, studyId),
    codedSegments(ctx, studyId),
    ctx.db.selectFrom('study_research_questions').select(['id', 'position']).where('study_id', '=', studyId).execute(),
  ]);
  const themes = codes.filter((code) => code.parent_id === null);
  const cells = themes.flatMap((theme) =>
    organisationTypes.map((organisationType) => {
      const inCell = segments.filter((segment) => segment.organisationType === organisationType && inTheme(codes, segment, theme.id));
      return {
        themeId: theme.id,
        organisationType,
        segments: inCell.length,
        participants: new Set(inCell.map((segment) => segment.participantId)).size,
      };
    }),
  );
  await auditStudy(ctx.db, ctx, who, 'studies.matrix', studyId);
  return {
    studyTitle: study.title,
    organisationTypes: [...organisationTypes],
    themes: themes.map((theme) => {
      const rq = questions.find((question) => question.id === theme.research_question_id);
      return { id: theme.id, name: theme.name, color: theme.color, researchQuestion: rq ? `RQ${rq.position}` : null };
    }),
    cells,
  };
}

/** One cell of the matrix opened: its segments, quoted with the participant's code and organisation type. */
export async function matrixCell(ctx: AppContext, who: Who, studyId: string, themeId: string, organisationType: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const codes = await codesOf(ctx.db, studyId);
  const theme = codes.find((code) => code.id === themeId && code.parent_id === null);
  if (!theme) throw notFound();
  const names = new Map(codes.map((code) => [code.id, code.name]));
  const segments = (await codedSegments(ctx, studyId)).filter(
    (segment) => segment.organisationType === organisationType && inTheme(codes, segment, themeId),
  );
  await auditStudy(ctx.db, ctx, who, 'studies.matrix.cell', studyId, {
    themeId,
    organisationType,
    segments: segments.map((segment) => segment.id),
  });
  return {
    theme: theme.name,
    organisationType,
    segments: segments.map((segment) => ({
      segmentId: segment.id,
      transcriptId: segment.transcriptId,
      participantCode: segment.participantCode,
      organisationType: segment.organisationType,
      codes: segment.codeIds.map((id) => names.get(id)!),
      text: segment.text,
      quotation: segment.quotation,
    })),
  };
}

/** Whether each participant's latest consent lets the study quote them. */
async function mayQuote(ctx: AppContext, studyId: string) {
  const consents = await ctx.db
    .selectFrom('study_consents')
    .innerJoin('study_participants', 'study_participants.id', 'study_consents.participant_id')
    .select(['participant_id', 'quotations'])
    .where('study_participants.study_id', '=', studyId)
    .orderBy('recorded_at')
    .execute();
  const latest = new Map<string, boolean>();
  for (const consent of consents) latest.set(consent.participant_id, consent.quotations);
  return (participantId: string | null) => participantId !== null && latest.get(participantId) === true;
}

/**
 * The report per research question: its themes, how many segments and participants each has, and the
 * segments marked as quotations, each with the participant's code and organisation type. A quotation
 * of a participant whose consent does not cover quotations is withheld and counted.
 */
export async function studyReport(ctx: AppContext, who: Who, studyId: string, language: Language) {
  const { study } = await openStudy(ctx, who, studyId, 'studies.read');
  const [codes, segments, questions, quotable] = await Promise.all([
    codesOf(ctx.db, studyId),
    codedSegments(ctx, studyId),
    ctx.db
      .selectFrom('study_research_questions')
      .select(['id', 'position', 'text'])
      .where('study_id', '=', studyId)
      .orderBy('position')
      .execute(),
    mayQuote(ctx, studyId),
  ]);
  const themesOf = (rq: string | null) =>
    codes
      .filter((code) => code.parent_id === null && code.research_question_id === rq)
      .map((theme) => {
        const inTheme_ = segments.filter((segment) => inTheme(codes, segment, theme.id));
        const quoted = inTheme_.filter((segment) => segment.quotation);
        return {
          id: theme.id,
          name: theme.name,
          description: theme.description,
          segments: inTheme_.length,
          participants: new Set(inTheme_.map((segment) => segment.participantId)).size,
          quotations: quoted
            .filter((segment) => quotable(segment.participantId))
            .map((segment) => ({
              participantCode: segment.participantCode,
              organisationType: segment.organisationType,
              text: segment.text,
            })),
          withheld: quoted.filter((segment) => !quotable(segment.participantId)).length,
        };
      });
  const researchQuestions = questions.map((question) => ({
    label: `RQ${question.position}`,
    text: question.text,
    themes: themesOf(question.id),
  }));
  const unlinked = themesOf(null);
  if (unlinked.length > 0)
    researchQuestions.push({
      label: translate(language, 'study.report.unlinkedLabel'),
      text: translate(language, 'study.report.unlinked'),
      themes: unlinked,
    });
  await auditStudy(ctx.db, ctx, who, 'studies.report', studyId);
  return { studyTitle: study.title, researchQuestions };
}

/** The coded segments as CSV: one row per segment and code, with the theme, participant, coder and text; never a formula. */
export async function segmentsCsv(ctx: AppContext, who: Who, studyId: string, language: Language, separator: ',' | ';') {
  const { study } = await openStudy(ctx, who, studyId, 'studies.read');
  const [codes, segments] = await Promise.all([codesOf(ctx.db, studyId), codedSegments(ctx, studyId)]);
  const t = (key: string) => translate(language, `study.csv.${key}`);
  const pathOf = (codeId: string) => {
    const names: string[] = [];
    for (let code = codes.find((row) => row.id === codeId); code; code = codes.find((row) => row.id === code!.parent_id))
      names.unshift(code.name);
    return names.join(' > ');
  };
  const rows = [
    [
      t('transcript'),
      t('participant'),
      t('organisationType'),
      t('coder'),
      t('start'),
      t('end'),
      t('theme'),
      t('code'),
      t('quotation'),
      t('text'),
    ],
  ];
  for (const segment of segments)
    for (const codeId of segment.codeIds)
      rows.push([
        segment.transcript,
        segment.participantCode ?? '',
        segment.organisationType ? translate(language, `study.organisationTypes.${segment.organisationType}`) : '',
        segment.coder,
        String(segment.start),
        String(segment.end),
        themeOf(codes, codeId)?.name ?? '',
        pathOf(codeId),
        segment.quotation ? t('yes') : t('no'),
        segment.text,
      ]);
  await auditStudy(ctx.db, ctx, who, 'studies.segments.csv', studyId, { segments: segments.length });
  return { fileName: `${study.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}-segments.csv`, csv: toCsv(rows, separator) };
}

/**
 * Two coders on one transcript: for every code either used there, the percentage agreement and
 * Cohen's kappa on characters (agreement.ts, NVivo's method), and the spans where they differ.
 */
export async function codingAgreement(ctx: AppContext, who: Who, studyId: string, transcriptId: string, coderA: string, coderB: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const transcript = await findTranscript(ctx.db, studyId, transcriptId);
  const coders = await ctx.db
    .selectFrom('study_coders')
    .select(['id', 'name'])
    .where('study_id', '=', studyId)
    .where('id', 'in', [coderA, coderB])
    .execute();
  const a = coders.find((coder) => coder.id === coderA);
  const b = coders.find((coder) => coder.id === coderB);
  if (!a || !b || coderA === coderB)
    throw new AppError(400, 'validation_failed', {}, [{ field: !a ? 'coderA' : 'coderB', problem: 'unknown' }]);
  const segments = await ctx.db
    .selectFrom('study_segments')
    .innerJoin('study_segment_codes', 'study_segment_codes.segment_id', 'study_segments.id')
    .select(['coder_id', 'code_id', 'start_position', 'end_position'])
    .where('transcript_id', '=', transcriptId)
    .where('coder_id', 'in', [coderA, coderB])
    .execute();
  const codes = await codesOf(ctx.db, studyId);
  const text = openText(ctx, transcript);
  const offsets = utf16Offsets(text);
  const spans = (coder: string, code: string): Span[] =>
    segments
      .filter((row) => row.coder_id === coder && row.code_id === code)
      .map((row) => ({ start: row.start_position, end: row.end_position }));
  const used = codes.filter((code) => segments.some((row) => row.code_id === code.id));
  await auditStudy(ctx.db, ctx, who, 'studies.agreement', studyId, { transcriptId, coders: [coderA, coderB] });
  return {
    transcriptId,
    name: transcript.name,
    coderA: a.name,
    coderB: b.name,
    method: 'nvivo-characters',
    codes: used.map((code) => ({
      codeId: code.id,
      name: code.name,
      ...agreementOn(transcript.length, spans(coderA, code.id), spans(coderB, code.id)),
    })),
    disagreements: used.flatMap((code) =>
      disagreements(transcript.length, spans(coderA, code.id), spans(coderB, code.id)).map((span) => ({
        codeId: code.id,
        name: code.name,
        ...span,
        text: sliceByCodePoints(text, span.start, span.end, offsets),
      })),
    ),
  };
}
