import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Who } from '../../core/record/access.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { auditStudy, openStudy } from './service.ts';
import type { CodeInput, MergeInput } from './codingSchema.ts';

const invalid = (field: string, problem: string) => new AppError(400, 'validation_failed', {}, [{ field, problem }]);
const sealedMemo = (id: string) => protectedContext('study_memos', 'body', id);

export type CodeRow = {
  id: string;
  parent_id: string | null;
  position: number;
  name: string;
  description: string | null;
  color: string;
  research_question_id: string | null;
  created_at: Date;
};

/** The study's codes in the codebook's order: each parent before its children, siblings by position. */
export async function codesOf(db: Database, studyId: string): Promise<CodeRow[]> {
  const rows = await db
    .selectFrom('study_codes')
    .select(['id', 'parent_id', 'position', 'name', 'description', 'color', 'research_question_id', 'created_at'])
    .where('study_id', '=', studyId)
    .orderBy('position')
    .orderBy('name')
    .execute();
  const ordered: CodeRow[] = [];
  const visit = (parent: string | null) => {
    for (const row of rows.filter((code) => code.parent_id === parent)) {
      ordered.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}

/** The theme a code belongs to: itself at the top, or its top-level ancestor. */
export function themeOf(codes: CodeRow[], codeId: string): CodeRow | undefined {
  const byId = new Map(codes.map((code) => [code.id, code]));
  let code = byId.get(codeId);
  while (code?.parent_id) code = byId.get(code.parent_id);
  return code;
}

export async function readCodebook(ctx: AppContext, who: Who, studyId: string) {
  const { study, canEdit } = await openStudy(ctx, who, studyId, 'studies.read');
  const [codes, counts, memos, researchQuestions] = await Promise.all([
    codesOf(ctx.db, studyId),
    ctx.db
      .selectFrom('study_segment_codes')
      .innerJoin('study_codes', 'study_codes.id', 'study_segment_codes.code_id')
      .select(['code_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where('study_codes.study_id', '=', studyId)
      .groupBy('code_id')
      .execute(),
    ctx.db
      .selectFrom('study_memos')
      .select(['id', 'code_id', 'body'])
      .where('study_id', '=', studyId)
      .where('code_id', 'is not', null)
      .execute(),
    ctx.db
      .selectFrom('study_research_questions')
      .select(['id', 'position', 'text'])
      .where('study_id', '=', studyId)
      .orderBy('position')
      .execute(),
  ]);
  await auditStudy(ctx.db, ctx, who, 'studies.codebook.read', studyId);
  return {
    studyId,
    studyTitle: study.title,
    canEdit,
    researchQuestions,
    codes: codes.map((code) => {
      const memo = memos.find((row) => row.code_id === code.id);
      return {
        id: code.id,
        parentId: code.parent_id,
        name: code.name,
        description: code.description,
        color: code.color,
        researchQuestionId: code.research_question_id,
        segments: Number(counts.find((row) => row.code_id === code.id)?.count ?? 0),
        memo: memo ? ctx.cipher.decrypt(memo.body, sealedMemo(memo.id)) : null,
      };
    }),
  };
}

/** A parent must be a code of the study and not the code itself or one below it; only a theme (no parent) answers a research question. */
async function checkPlace(db: Database, studyId: string, input: CodeInput, codeId: string | null) {
  const codes = await codesOf(db, studyId);
  if (input.parentId) {
    if (!codes.some((code) => code.id === input.parentId)) throw invalid('parentId', 'unknown');
    for (let at: string | null = input.parentId; at; at = codes.find((code) => code.id === at)?.parent_id ?? null)
      if (at === codeId) throw invalid('parentId', 'inside_itself');
  }
  if (input.researchQuestionId) {
    if (input.parentId) throw invalid('researchQuestionId', 'theme_only');
    const rq = await db
      .selectFrom('study_research_questions')
      .select('id')
      .where('id', '=', input.researchQuestionId)
      .where('study_id', '=', studyId)
      .executeTakeFirst();
    if (!rq) throw invalid('researchQuestionId', 'unknown');
  }
  const sameName = codes.find(
    (code) =>
      code.parent_id === input.parentId &&
      code.id !== codeId &&
      code.name.toLocaleLowerCase('fi') === input.name.trim().toLocaleLowerCase('fi'),
  );
  if (sameName) throw invalid('name', 'name_taken');
  return codes;
}

const values = (input: CodeInput) => ({
  name: input.name.trim(),
  description: input.description?.trim() || null,
  color: input.color.toLowerCase(),
  parent_id: input.parentId,
  research_question_id: input.researchQuestionId,
});

export async function addCode(ctx: AppContext, who: Who, studyId: string, input: CodeInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const codes = await checkPlace(ctx.db, studyId, input, null);
  const id = randomUUID();
  const position = codes.filter((code) => code.parent_id === input.parentId).length + 1;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('study_codes')
      .values({ id, study_id: studyId, position, ...values(input) })
      .execute();
    await auditStudy(trx, ctx, who, 'studies.codes.add', studyId, { codeId: id });
  });
  return { id };
}

/** Renames, describes, recolours or moves a code; its codings stay with it. */
export async function changeCode(ctx: AppContext, who: Who, studyId: string, codeId: string, input: CodeInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const codes = await checkPlace(ctx.db, studyId, input, codeId);
  const code = codes.find((row) => row.id === codeId);
  if (!code) throw notFound();
  const moved = code.parent_id !== input.parentId;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('study_codes')
      .set({ ...values(input), ...(moved ? { position: codes.filter((row) => row.parent_id === input.parentId).length + 1 } : {}) })
      .where('id', '=', codeId)
      .execute();
    await auditStudy(trx, ctx, who, 'studies.codes.change', studyId, { codeId, moved });
  });
}

/**
 * Merges a code into another: every segment coded with it is coded with the other (once), its
 * sub-codes move under the other, its memo is added to the other's, and the code is removed.
 */
export async function mergeCode(ctx: AppContext, who: Who, studyId: string, codeId: string, input: MergeInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const codes = await codesOf(ctx.db, studyId);
  if (!codes.some((code) => code.id === codeId)) throw notFound();
  const into = codes.find((code) => code.id === input.intoId);
  if (!into || input.intoId === codeId) throw invalid('intoId', 'unknown');
  for (let at: string | null = into.id; at; at = codes.find((code) => code.id === at)?.parent_id ?? null)
    if (at === codeId) throw invalid('intoId', 'inside_itself');
  await ctx.db.transaction().execute(async (trx) => {
    const segments = await trx.selectFrom('study_segment_codes').select('segment_id').where('code_id', '=', codeId).execute();
    if (segments.length > 0)
      await trx
        .insertInto('study_segment_codes')
        .values(segments.map((row) => ({ segment_id: row.segment_id, code_id: into.id })))
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    await trx.updateTable('study_codes').set({ parent_id: into.id }).where('parent_id', '=', codeId).execute();
    const memos = await trx.selectFrom('study_memos').select(['id', 'code_id', 'body']).where('code_id', 'in', [codeId, into.id]).execute();
    const from = memos.find((memo) => memo.code_id === codeId);
    const to = memos.find((memo) => memo.code_id === into.id);
    if (from) {
      const text = ctx.cipher.decrypt(from.body, sealedMemo(from.id));
      if (to) {
        const joined = `${ctx.cipher.decrypt(to.body, sealedMemo(to.id))}\n\n${text}`;
        await trx
          .updateTable('study_memos')
          .set({ body: ctx.cipher.encrypt(joined, sealedMemo(to.id)), updated_at: new Date() })
          .where('id', '=', to.id)
          .execute();
      } else {
        const id = randomUUID();
        await trx
          .insertInto('study_memos')
          .values({
            id,
            study_id: studyId,
            code_id: into.id,
            body: ctx.cipher.encrypt(text, sealedMemo(id)),
            written_by: who.actor.id,
            updated_at: new Date(),
          })
          .execute();
      }
    }
    await trx.deleteFrom('study_codes').where('id', '=', codeId).execute();
    await auditStudy(trx, ctx, who, 'studies.codes.merge', studyId, { codeId, intoId: into.id, segments: segments.length });
  });
}
