import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Who } from '../../core/record/access.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { auditStudy, openStudy } from './service.ts';
import { findTranscript, openText } from './transcriptStore.ts';
import { codePointLength } from './positions.ts';
import type { CodeHitsInput, MemoInput, SearchInput, SegmentChange, SegmentInput } from './codingSchema.ts';

const sealedMemo = (id: string) => protectedContext('study_memos', 'body', id);
const invalid = (field: string, problem: string) => new AppError(400, 'validation_failed', {}, [{ field, problem }]);

/** The person's coder of a study: made at their first coding, named as their account is. */
export async function coderFor(db: Database, who: Who, studyId: string): Promise<string> {
  const existing = await db
    .selectFrom('study_coders')
    .select('id')
    .where('study_id', '=', studyId)
    .where('account_id', '=', who.actor.id)
    .executeTakeFirst();
  if (existing) return existing.id;
  const account = await db.selectFrom('accounts').select('display_name').where('id', '=', who.actor.id).executeTakeFirstOrThrow();
  const id = randomUUID();
  await db
    .insertInto('study_coders')
    .values({ id, study_id: studyId, account_id: who.actor.id, name: account.display_name })
    .onConflict((conflict) => conflict.columns(['study_id', 'account_id']).doNothing())
    .execute();
  return (
    await db
      .selectFrom('study_coders')
      .select('id')
      .where('study_id', '=', studyId)
      .where('account_id', '=', who.actor.id)
      .executeTakeFirstOrThrow()
  ).id;
}

/** The segments of transcripts with their codes, coder and memo; `own` marks the reader's own. */
export async function segmentsOf(ctx: AppContext, who: Who, transcriptIds: string[]) {
  if (transcriptIds.length === 0) return [];
  const segments = await ctx.db
    .selectFrom('study_segments')
    .innerJoin('study_coders', 'study_coders.id', 'study_segments.coder_id')
    .leftJoin('study_memos', 'study_memos.segment_id', 'study_segments.id')
    .select([
      'study_segments.id',
      'study_segments.start_position',
      'study_segments.end_position',
      'study_segments.quotation',
      'study_coders.id as coder_id',
      'study_coders.name as coder',
      'study_coders.account_id',
      'study_memos.id as memo_id',
      'study_memos.body as memo',
    ])
    .where('study_segments.transcript_id', 'in', transcriptIds)
    .orderBy('study_segments.start_position')
    .orderBy('study_segments.end_position')
    .orderBy('study_segments.id')
    .execute();
  const codes = segments.length
    ? await ctx.db
        .selectFrom('study_segment_codes')
        .innerJoin('study_codes', 'study_codes.id', 'study_segment_codes.code_id')
        .select(['segment_id', 'code_id'])
        .where(
          'segment_id',
          'in',
          segments.map((segment) => segment.id),
        )
        .orderBy('study_codes.name')
        .execute()
    : [];
  return segments.map((segment) => ({
    id: segment.id,
    start: segment.start_position,
    end: segment.end_position,
    coderId: segment.coder_id,
    coder: segment.coder,
    own: segment.account_id === who.actor.id,
    codeIds: codes.filter((code) => code.segment_id === segment.id).map((code) => code.code_id),
    quotation: segment.quotation,
    memo: segment.memo_id ? ctx.cipher.decrypt(segment.memo!, sealedMemo(segment.memo_id)) : null,
  }));
}

async function checkCodes(db: Database, studyId: string, codeIds: string[]) {
  const found = await db.selectFrom('study_codes').select('id').where('study_id', '=', studyId).where('id', 'in', codeIds).execute();
  const known = new Set(found.map((row) => row.id));
  const unknown = codeIds.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw invalid(`codeIds.${unknown}`, 'unknown');
}

/** The transcript's participant must not have withdrawn: their material is gone, and nothing is added to it. */
async function writableTranscript(db: Database, studyId: string, transcriptId: string) {
  const transcript = await findTranscript(db, studyId, transcriptId);
  if (transcript.participant_id) {
    const participant = await db
      .selectFrom('study_participants')
      .select('withdrawn_at')
      .where('id', '=', transcript.participant_id)
      .executeTakeFirst();
    if (participant?.withdrawn_at) throw new AppError(409, 'study_participant_withdrawn');
  }
  return transcript;
}

/** A segment coded by the person coding: within the text, with codes of the study. */
export async function addSegment(ctx: AppContext, who: Who, studyId: string, transcriptId: string, input: SegmentInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const transcript = await writableTranscript(ctx.db, studyId, transcriptId);
  if (input.end <= input.start) throw invalid('end', 'ends_before_start');
  if (input.end > transcript.length) throw invalid('end', 'outside_text');
  await checkCodes(ctx.db, studyId, input.codeIds);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const coderId = await coderFor(trx, who, studyId);
    await trx
      .insertInto('study_segments')
      .values({ id, transcript_id: transcriptId, coder_id: coderId, start_position: input.start, end_position: input.end })
      .execute();
    await trx
      .insertInto('study_segment_codes')
      .values(input.codeIds.map((codeId) => ({ segment_id: id, code_id: codeId })))
      .execute();
    await auditStudy(trx, ctx, who, 'studies.segments.add', studyId, { transcriptId, segmentId: id, codes: input.codeIds });
  });
  return { id };
}

/** A person changes and removes only their own segments: another coder's coding is theirs to compare. */
async function ownSegment(db: Database, who: Who, studyId: string, segmentId: string) {
  const segment = await db
    .selectFrom('study_segments')
    .innerJoin('study_transcripts', 'study_transcripts.id', 'study_segments.transcript_id')
    .innerJoin('study_coders', 'study_coders.id', 'study_segments.coder_id')
    .select(['study_segments.id', 'study_segments.transcript_id', 'study_coders.account_id'])
    .where('study_segments.id', '=', segmentId)
    .where('study_transcripts.study_id', '=', studyId)
    .executeTakeFirst();
  if (!segment) throw notFound();
  if (segment.account_id !== who.actor.id) throw new AppError(403, 'study_segment_not_own');
  return segment;
}

export async function changeSegment(ctx: AppContext, who: Who, studyId: string, segmentId: string, input: SegmentChange) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const segment = await ownSegment(ctx.db, who, studyId, segmentId);
  await writableTranscript(ctx.db, studyId, segment.transcript_id);
  await checkCodes(ctx.db, studyId, input.codeIds);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('study_segment_codes').where('segment_id', '=', segmentId).execute();
    await trx
      .insertInto('study_segment_codes')
      .values(input.codeIds.map((codeId) => ({ segment_id: segmentId, code_id: codeId })))
      .execute();
    await trx.updateTable('study_segments').set({ quotation: input.quotation }).where('id', '=', segmentId).execute();
    await auditStudy(trx, ctx, who, 'studies.segments.change', studyId, { segmentId, codes: input.codeIds, quotation: input.quotation });
  });
}

export async function removeSegment(ctx: AppContext, who: Who, studyId: string, segmentId: string) {
  await openStudy(ctx, who, studyId, 'studies.write');
  await ownSegment(ctx.db, who, studyId, segmentId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('study_segments').where('id', '=', segmentId).execute();
    await auditStudy(trx, ctx, who, 'studies.segments.remove', studyId, { segmentId });
  });
}

/** Writes, replaces or (with an empty text) removes the memo on a code, segment or transcript of the study. */
export async function saveMemo(ctx: AppContext, who: Who, studyId: string, input: MemoInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const column = ({ code: 'code_id', segment: 'segment_id', transcript: 'transcript_id' } as const)[input.target];
  const belongs =
    input.target === 'code'
      ? await ctx.db
          .selectFrom('study_codes')
          .select('id')
          .where('id', '=', input.targetId)
          .where('study_id', '=', studyId)
          .executeTakeFirst()
      : input.target === 'transcript'
        ? await ctx.db
            .selectFrom('study_transcripts')
            .select('id')
            .where('id', '=', input.targetId)
            .where('study_id', '=', studyId)
            .executeTakeFirst()
        : await ctx.db
            .selectFrom('study_segments')
            .innerJoin('study_transcripts', 'study_transcripts.id', 'study_segments.transcript_id')
            .select('study_segments.id')
            .where('study_segments.id', '=', input.targetId)
            .where('study_transcripts.study_id', '=', studyId)
            .executeTakeFirst();
  if (!belongs) throw invalid('targetId', 'unknown');
  const body = input.text.trim();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('study_memos').select('id').where(column, '=', input.targetId).executeTakeFirst();
    if (!body) {
      if (existing) await trx.deleteFrom('study_memos').where('id', '=', existing.id).execute();
    } else if (existing) {
      await trx
        .updateTable('study_memos')
        .set({ body: ctx.cipher.encrypt(body, sealedMemo(existing.id)), written_by: who.actor.id, updated_at: new Date() })
        .where('id', '=', existing.id)
        .execute();
    } else {
      const id = randomUUID();
      await trx
        .insertInto('study_memos')
        .values({
          id,
          study_id: studyId,
          [column]: input.targetId,
          body: ctx.cipher.encrypt(body, sealedMemo(id)),
          written_by: who.actor.id,
          updated_at: new Date(),
        })
        .execute();
    }
    await auditStudy(trx, ctx, who, 'studies.memos.save', studyId, { target: input.target, targetId: input.targetId, removed: !body });
  });
}

/** The study's transcripts opened, for what reads across all of them. */
export async function studyTexts(ctx: AppContext, studyId: string) {
  const rows = await ctx.db
    .selectFrom('study_transcripts')
    .leftJoin('study_participants', 'study_participants.id', 'study_transcripts.participant_id')
    .select(['study_transcripts.id', 'study_transcripts.name', 'study_transcripts.content', 'study_participants.code'])
    .where('study_transcripts.study_id', '=', studyId)
    .orderBy('study_transcripts.name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, participantCode: row.code, text: openText(ctx, row) }));
}

const CONTEXT = 60;

function findHits(texts: Awaited<ReturnType<typeof studyTexts>>, word: string) {
  const needle = word.trim().toLocaleLowerCase('fi');
  return texts.flatMap((transcript) => {
    const haystack = transcript.text.toLocaleLowerCase('fi');
    const hits = [];
    // Lower-casing keeps the length of Finnish, Swedish and English text; a text where it would not is searched as it is.
    const sameLength = haystack.length === transcript.text.length;
    const source = sameLength ? haystack : transcript.text;
    for (
      let at = source.indexOf(sameLength ? needle : word.trim());
      at >= 0;
      at = source.indexOf(sameLength ? needle : word.trim(), at + 1)
    ) {
      const length = sameLength ? needle.length : word.trim().length;
      const start = codePointLength(transcript.text.slice(0, at));
      const end = start + codePointLength(transcript.text.slice(at, at + length));
      hits.push({
        transcriptId: transcript.id,
        name: transcript.name,
        participantCode: transcript.participantCode,
        start,
        end,
        before: transcript.text.slice(Math.max(0, at - CONTEXT), at),
        match: transcript.text.slice(at, at + length),
        after: transcript.text.slice(at + length, at + length + CONTEXT),
      });
    }
    return hits;
  });
}

/** Every place a word or phrase is found in the study's transcripts, with a little of the text around it. */
export async function searchTranscripts(ctx: AppContext, who: Who, studyId: string, input: SearchInput) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const hits = findHits(await studyTexts(ctx, studyId), input.text);
  // The audit log says that a search was made and how much it found, not what was searched for.
  await auditStudy(ctx.db, ctx, who, 'studies.search', studyId, { hits: hits.length });
  return hits;
}

/** Codes every hit of a search as the person's own segments; hits in a withdrawn participant's transcript cannot be, as it is gone. */
export async function codeSearchHits(ctx: AppContext, who: Who, studyId: string, input: CodeHitsInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  await checkCodes(ctx.db, studyId, input.codeIds);
  const hits = findHits(await studyTexts(ctx, studyId), input.text);
  await ctx.db.transaction().execute(async (trx) => {
    const coderId = await coderFor(trx, who, studyId);
    for (const hit of hits) {
      const id = randomUUID();
      await trx
        .insertInto('study_segments')
        .values({ id, transcript_id: hit.transcriptId, coder_id: coderId, start_position: hit.start, end_position: hit.end })
        .execute();
      await trx
        .insertInto('study_segment_codes')
        .values(input.codeIds.map((codeId) => ({ segment_id: id, code_id: codeId })))
        .execute();
    }
    await auditStudy(trx, ctx, who, 'studies.search.code', studyId, { hits: hits.length, codes: input.codeIds });
  });
  return { coded: hits.length };
}

/** The study's coders and the transcripts each has coded, to choose two to compare. */
export async function listCoders(ctx: AppContext, who: Who, studyId: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const coders = await ctx.db.selectFrom('study_coders').select(['id', 'name']).where('study_id', '=', studyId).orderBy('name').execute();
  const coded = await ctx.db
    .selectFrom('study_segments')
    .innerJoin('study_coders', 'study_coders.id', 'study_segments.coder_id')
    .select(['study_segments.coder_id', 'study_segments.transcript_id'])
    .distinct()
    .where('study_coders.study_id', '=', studyId)
    .execute();
  await auditStudy(ctx.db, ctx, who, 'studies.coders.list', studyId);
  return coders.map((coder) => ({
    id: coder.id,
    name: coder.name,
    transcripts: coded.filter((row) => row.coder_id === coder.id).map((row) => row.transcript_id),
  }));
}
