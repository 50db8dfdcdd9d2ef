import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import type { Language } from '../../../core/i18n/i18n.ts';
import type { Who } from '../../../core/record/access.ts';
import type { AppContext } from '../../../server/context.ts';
import { codesOf } from '../codebook.ts';
import { auditStudy, openStudy } from '../service.ts';
import { studyForExchange } from './model.ts';
import { codebookXml, qdpxArchive } from './qdpxExport.ts';
import { colourOf, importQdpx, type NotTaken } from './qdpxImport.ts';
import { childrenOf, parseXml, textOf, type Node } from './parse.ts';

const fileNameOf = (title: string, extension: string) =>
  `${
    title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'study'
  }.${extension}`;

/** The study as a QDPX project; what it carries is audited by count, never by content. */
export async function exportProject(ctx: AppContext, who: Who, studyId: string, language: Language) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const data = await studyForExchange(ctx, studyId);
  const archive = qdpxArchive(data, language);
  await auditStudy(ctx.db, ctx, who, 'studies.exchange.qdpx', studyId, {
    participants: data.participants.length,
    transcripts: data.transcripts.length,
    segments: data.segments.length,
  });
  return { fileName: fileNameOf(data.study.title, 'qdpx'), content: Buffer.from(archive) };
}

export async function exportCodebook(ctx: AppContext, who: Who, studyId: string) {
  await openStudy(ctx, who, studyId, 'studies.read');
  const data = await studyForExchange(ctx, studyId);
  // A codebook holds at least one code (the standard's schema says so).
  if (data.codes.length === 0) throw new AppError(409, 'study_codebook_empty');
  await auditStudy(ctx.db, ctx, who, 'studies.exchange.qdc', studyId, { codes: data.codes.length });
  return { fileName: fileNameOf(data.study.title, 'qdc'), content: codebookXml(data) };
}

export async function importProject(ctx: AppContext, who: Who, contentBase64: string) {
  return importQdpx(ctx, who, Buffer.from(contentBase64, 'base64'));
}

/**
 * Adds a QDC codebook's codes to a study: a code whose name a code at the same place already has is
 * that code (its sub-codes are added under it); sets named "RQn: …" make their codes the themes of the
 * study's research question n. What it cannot take is reported.
 */
export async function importCodebook(ctx: AppContext, who: Who, studyId: string, xml: string) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const book = parseXml(xml.replace(/^\uFEFF/, ''), 'CodeBook');
  if (!book || childrenOf(book, 'Codes', 'Code').length === 0) throw new AppError(400, 'study_import_not_qdc');
  const existing = await codesOf(ctx.db, studyId);
  const questions = await ctx.db
    .selectFrom('study_research_questions')
    .select(['id', 'position'])
    .where('study_id', '=', studyId)
    .execute();
  const notTaken: NotTaken[] = [];
  const ids = new Map<string, string>();
  const added: Array<{ id: string; parent: string | null; position: number; name: string; description: string | null; color: string }> = [];
  const walk = (nodes: Node[], parent: string | null) => {
    for (const node of nodes) {
      const name = (node.attributes.name ?? '').trim().slice(0, 200) || '?';
      const same = [...existing, ...added.map((code) => ({ ...code, parent_id: code.parent }))].find(
        (code) => code.parent_id === parent && code.name.toLocaleLowerCase('fi') === name.toLocaleLowerCase('fi'),
      );
      let id = same?.id;
      if (same) notTaken.push({ kind: 'code_exists', name, count: 1 });
      else {
        id = randomUUID();
        const siblings =
          existing.filter((code) => code.parent_id === parent).length + added.filter((code) => code.parent === parent).length;
        added.push({
          id,
          parent,
          position: siblings + 1,
          name,
          description: textOf(node, 'Description')?.trim().slice(0, 4000) || null,
          color: colourOf(node.attributes.color, existing.length + added.length),
        });
      }
      ids.set((node.attributes.guid ?? '').replace(/[{}]/g, '').toLowerCase(), id!);
      walk(node.children.Code ?? [], id!);
    }
  };
  walk(childrenOf(book, 'Codes', 'Code'), null);
  const themes: Array<{ codeId: string; rq: string }> = [];
  for (const set of childrenOf(book, 'Sets', 'Set')) {
    const rq = questions.find((question) => question.position === Number(/^RQ(\d+)\s*:/.exec(set.attributes.name ?? '')?.[1]));
    if (!rq) {
      notTaken.push({ kind: 'set', name: (set.attributes.name ?? '').slice(0, 200), count: 1 });
      continue;
    }
    for (const member of childrenOf(set, 'MemberCode')) {
      const codeId = ids.get((member.attributes.guid ?? '').replace(/[{}]/g, '').toLowerCase());
      if (codeId && added.some((code) => code.id === codeId && code.parent === null)) themes.push({ codeId, rq: rq.id });
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const code of added)
      await trx
        .insertInto('study_codes')
        .values({
          id: code.id,
          study_id: studyId,
          parent_id: code.parent,
          position: code.position,
          name: code.name,
          description: code.description,
          color: code.color,
          research_question_id: themes.find((theme) => theme.codeId === code.id)?.rq ?? null,
        })
        .execute();
    await auditStudy(trx, ctx, who, 'studies.exchange.qdc.import', studyId, { codes: added.length, notTaken: notTaken.length });
  });
  return { codes: added.length, notTaken };
}
