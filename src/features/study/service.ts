import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../core/errors.ts';
import { appendAudit } from '../../core/audit/audit.ts';
import { refusalLog } from '../../core/audit/refusals.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import { studyAccess, studyScope, type Action } from '../../core/policy/policy.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import type { Language } from '../../core/i18n/i18n.ts';
import { guideTemplate } from './guideTemplate.ts';
import type { GuideInput, GuideSave, StudyChange, StudyInput, TeamChange } from './schema.ts';

/** Every read and change of a study is in the audit log, named by the study (never a client). */
export function auditStudy(
  db: Database,
  ctx: AppContext,
  who: Who,
  action: string,
  studyId: string | null,
  details: Record<string, unknown> = {},
) {
  return appendAudit(db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action,
    outcome: 'succeeded',
    details: { ...(studyId ? { studyId } : {}), ...details },
  });
}

const onTeam = async (db: Database, studyId: string, accountId: string) =>
  (await db
    .selectFrom('study_team')
    .select('account_id')
    .where('study_id', '=', studyId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()) !== undefined;

/**
 * The one door to a study: it must exist, and the policy must let the actor take the action on it
 * (researchers on its team; the director reads every study). A refusal is logged as refusals are.
 */
export async function openStudy(ctx: AppContext, who: Who, studyId: string, action: Action) {
  const study = await ctx.db.selectFrom('studies').selectAll().where('id', '=', studyId).executeTakeFirst();
  if (!study) throw notFound();
  const member = await onTeam(ctx.db, studyId, who.actor.id);
  if (!studyAccess(who.actor, action, member)) {
    await refusalLog(ctx.db, ctx.keyring.auditKey).refuse({ ...auditWho(who), action, details: { code: 'forbidden', studyId } });
    throw new AppError(403, 'forbidden');
  }
  return { study, canEdit: studyAccess(who.actor, 'studies.write', member) };
}

export async function listStudies(ctx: AppContext, who: Who) {
  const scope = studyScope(who.actor, 'studies.list');
  if (scope === 'none') return [];
  let query = ctx.db
    .selectFrom('studies')
    .leftJoin('study_team', (join) => join.onRef('study_team.study_id', '=', 'studies.id').on('study_team.account_id', '=', who.actor.id))
    .select(['studies.id', 'studies.title', 'studies.status', 'studies.updated_at', 'study_team.account_id as member'])
    .orderBy('studies.title');
  if (scope === 'team') query = query.where('study_team.account_id', 'is not', null);
  const rows = await query.execute();
  await auditStudy(ctx.db, ctx, who, 'studies.list', null, { studies: rows.map((row) => row.id) });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    onTeam: row.member !== null,
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

/** A new study, with its research questions in order; the researcher who creates it is its first team member. */
export async function createStudy(ctx: AppContext, who: Who, input: StudyInput, db: Database = ctx.db) {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('studies')
      .values({
        id,
        title: input.title.trim(),
        ethics_reference: input.ethicsReference?.trim() || null,
        data_location: input.dataLocation?.trim() || null,
        retain_until: input.retainUntil ?? null,
        status: input.status,
        created_by: who.actor.id,
      })
      .execute();
    await trx
      .insertInto('study_research_questions')
      .values(input.researchQuestions.map((text, index) => ({ id: randomUUID(), study_id: id, position: index + 1, text: text.trim() })))
      .execute();
    await trx.insertInto('study_team').values({ study_id: id, account_id: who.actor.id }).execute();
    await auditStudy(trx, ctx, who, 'studies.create', id);
  });
  return { id };
}

const researchQuestionsOf = (db: Database, studyId: string) =>
  db
    .selectFrom('study_research_questions')
    .select(['id', 'position', 'text'])
    .where('study_id', '=', studyId)
    .orderBy('position')
    .execute();

export async function readStudy(ctx: AppContext, who: Who, studyId: string) {
  const { study, canEdit } = await openStudy(ctx, who, studyId, 'studies.read');
  const [researchQuestions, team, guides] = await Promise.all([
    researchQuestionsOf(ctx.db, studyId),
    ctx.db
      .selectFrom('study_team')
      .innerJoin('accounts', 'accounts.id', 'study_team.account_id')
      .select(['accounts.id', 'accounts.display_name'])
      .where('study_team.study_id', '=', studyId)
      .orderBy('accounts.display_name')
      .execute(),
    ctx.db
      .selectFrom('study_guides')
      .select(['id', 'title', 'language', 'version', 'updated_at'])
      .where('study_id', '=', studyId)
      .orderBy('title')
      .execute(),
  ]);
  await auditStudy(ctx.db, ctx, who, 'studies.read', studyId);
  return {
    id: study.id,
    title: study.title,
    ethicsReference: study.ethics_reference,
    dataLocation: study.data_location,
    retainUntil: study.retain_until,
    status: study.status,
    researchQuestions,
    team: team.map((member) => ({ id: member.id, displayName: member.display_name })),
    guides: guides.map((guide) => ({
      id: guide.id,
      title: guide.title,
      language: guide.language,
      version: guide.version,
      updatedAt: new Date(guide.updated_at).toISOString(),
    })),
    canEdit,
  };
}

export async function updateStudy(ctx: AppContext, who: Who, studyId: string, change: StudyChange) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const existing = await researchQuestionsOf(ctx.db, studyId);
  const known = new Set(existing.map((question) => question.id));
  const kept = change.researchQuestions.filter((question) => question.id !== null);
  const unknown = change.researchQuestions.findIndex((question) => question.id !== null && !known.has(question.id));
  if (unknown >= 0) throw new AppError(400, 'validation_failed', {}, [{ field: `researchQuestions.${unknown}`, problem: 'unknown' }]);
  if (new Set(kept.map((question) => question.id)).size !== kept.length) throw new AppError(400, 'invalid_request');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('studies')
      .set({
        title: change.title.trim(),
        ethics_reference: change.ethicsReference?.trim() || null,
        data_location: change.dataLocation?.trim() || null,
        retain_until: change.retainUntil,
        status: change.status,
        updated_at: new Date(),
      })
      .where('id', '=', studyId)
      .execute();
    const keptIds = kept.map((question) => question.id!);
    let removal = trx.deleteFrom('study_research_questions').where('study_id', '=', studyId);
    if (keptIds.length > 0) removal = removal.where('id', 'not in', keptIds);
    await removal.execute();
    for (const [index, question] of change.researchQuestions.entries()) {
      if (question.id)
        await trx
          .updateTable('study_research_questions')
          .set({ position: index + 1, text: question.text.trim() })
          .where('id', '=', question.id)
          .execute();
      else
        await trx
          .insertInto('study_research_questions')
          .values({ id: randomUUID(), study_id: studyId, position: index + 1, text: question.text.trim() })
          .execute();
    }
    await auditStudy(trx, ctx, who, 'studies.update', studyId, { researchQuestions: change.researchQuestions.length });
  });
  return readStudy(ctx, who, studyId);
}

/** Researchers who could join a study's team: active accounts of the researcher role. */
export async function listResearchers(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('role', '=', 'researcher')
    .where('disabled_at', 'is', null)
    .where('awaits_confirmation', '=', false)
    .orderBy('display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}

/** The team is researchers only; a team member may leave it, but a study always keeps one. */
export async function setTeam(ctx: AppContext, who: Who, studyId: string, change: TeamChange) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const researchers = new Set((await listResearchers(ctx)).map((researcher) => researcher.id));
  const wrong = change.accountIds.findIndex((id) => !researchers.has(id));
  if (wrong >= 0) throw new AppError(400, 'validation_failed', {}, [{ field: `accountIds.${wrong}`, problem: 'not_a_researcher' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('study_team').where('study_id', '=', studyId).where('account_id', 'not in', change.accountIds).execute();
    await trx
      .insertInto('study_team')
      .values(change.accountIds.map((accountId) => ({ study_id: studyId, account_id: accountId })))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    await trx.updateTable('studies').set({ updated_at: new Date() }).where('id', '=', studyId).execute();
    await auditStudy(trx, ctx, who, 'studies.team', studyId, { team: change.accountIds });
  });
}

/** A new interview guide: empty, or the employment study's guide in the chosen language, linked to the study's research questions by position. */
export async function createGuide(ctx: AppContext, who: Who, studyId: string, input: GuideInput, db: Database = ctx.db) {
  const id = randomUUID();
  const researchQuestions = await researchQuestionsOf(db, studyId);
  const byPosition = new Map(researchQuestions.map((question) => [question.position, question.id]));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('study_guides')
      .values({
        id,
        study_id: studyId,
        title: input.title.trim(),
        language: input.language,
        updated_by: who.actor.id,
        updated_at: new Date(),
      })
      .execute();
    if (input.fromTemplate) {
      for (const [sectionIndex, section] of guideTemplate(input.language as Language).entries()) {
        const sectionId = randomUUID();
        await trx
          .insertInto('study_guide_sections')
          .values({ id: sectionId, guide_id: id, position: sectionIndex + 1, title: section.title })
          .execute();
        for (const [questionIndex, question] of section.questions.entries()) {
          const questionId = randomUUID();
          await trx
            .insertInto('study_guide_questions')
            .values({ id: questionId, section_id: sectionId, position: questionIndex + 1, text: question.text, probes: question.probes })
            .execute();
          const serves = question.serves.map((position) => byPosition.get(position)).filter((rq) => rq !== undefined);
          if (serves.length > 0)
            await trx
              .insertInto('study_guide_question_links')
              .values(serves.map((rq) => ({ question_id: questionId, research_question_id: rq })))
              .execute();
        }
      }
    }
    await auditStudy(trx, ctx, who, 'studies.guide.create', studyId, { guideId: id, fromTemplate: input.fromTemplate });
  });
  return { id };
}

export async function createGuideChecked(ctx: AppContext, who: Who, studyId: string, input: GuideInput) {
  await openStudy(ctx, who, studyId, 'studies.write');
  return createGuide(ctx, who, studyId, input);
}

async function findGuide(db: Database, studyId: string, guideId: string) {
  const guide = await db
    .selectFrom('study_guides')
    .selectAll()
    .where('id', '=', guideId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!guide) throw notFound();
  return guide;
}

async function guideContent(db: Database, guideId: string) {
  const sections = await db
    .selectFrom('study_guide_sections')
    .select(['id', 'title'])
    .where('guide_id', '=', guideId)
    .orderBy('position')
    .execute();
  const questions = sections.length
    ? await db
        .selectFrom('study_guide_questions')
        .select(['id', 'section_id', 'text', 'probes'])
        .where(
          'section_id',
          'in',
          sections.map((section) => section.id),
        )
        .orderBy('position')
        .execute()
    : [];
  const links = questions.length
    ? await db
        .selectFrom('study_guide_question_links')
        .innerJoin('study_research_questions', 'study_research_questions.id', 'study_guide_question_links.research_question_id')
        .select(['question_id', 'research_question_id'])
        .where(
          'question_id',
          'in',
          questions.map((question) => question.id),
        )
        .orderBy('study_research_questions.position')
        .execute()
    : [];
  return sections.map((section) => ({
    id: section.id,
    title: section.title,
    questions: questions
      .filter((question) => question.section_id === section.id)
      .map((question) => ({
        id: question.id,
        text: question.text,
        probes: question.probes,
        serves: links.filter((link) => link.question_id === question.id).map((link) => link.research_question_id),
      })),
  }));
}

export async function readGuide(ctx: AppContext, who: Who, studyId: string, guideId: string) {
  const { study, canEdit } = await openStudy(ctx, who, studyId, 'studies.read');
  const guide = await findGuide(ctx.db, studyId, guideId);
  const [researchQuestions, sections] = await Promise.all([researchQuestionsOf(ctx.db, studyId), guideContent(ctx.db, guideId)]);
  await auditStudy(ctx.db, ctx, who, 'studies.guide.read', studyId, { guideId });
  return {
    id: guide.id,
    studyId,
    studyTitle: study.title,
    title: guide.title,
    language: guide.language,
    version: guide.version,
    updatedAt: new Date(guide.updated_at).toISOString(),
    canEdit,
    researchQuestions,
    sections,
  };
}

/**
 * Saves the whole guide as the editor holds it: sections and questions in their new order, kept ones
 * by their ids (so what refers to a question, its links and later an interview's answers, stays with
 * it), new ones added, missing ones removed. The version the editor started from must be the current one.
 */
export async function saveGuide(ctx: AppContext, who: Who, studyId: string, guideId: string, input: GuideSave) {
  await openStudy(ctx, who, studyId, 'studies.write');
  const guide = await findGuide(ctx.db, studyId, guideId);
  if (guide.version !== input.version) throw new AppError(409, 'study_guide_changed');
  const current = await guideContent(ctx.db, guideId);
  const sectionIds = new Set(current.map((section) => section.id));
  const questionIds = new Set(current.flatMap((section) => section.questions.map((question) => question.id)));
  const researchQuestionIds = new Set((await researchQuestionsOf(ctx.db, studyId)).map((question) => question.id));
  const problems: Array<{ field: string; problem: string }> = [];
  const seen = new Set<string>();
  for (const [s, section] of input.sections.entries()) {
    if (section.id && (!sectionIds.has(section.id) || seen.has(section.id)))
      problems.push({ field: `sections.${s}.id`, problem: 'unknown' });
    if (section.id) seen.add(section.id);
    for (const [q, question] of section.questions.entries()) {
      if (question.id && (!questionIds.has(question.id) || seen.has(question.id)))
        problems.push({ field: `sections.${s}.questions.${q}.id`, problem: 'unknown' });
      if (question.id) seen.add(question.id);
      for (const [r, rq] of question.serves.entries())
        if (!researchQuestionIds.has(rq)) problems.push({ field: `sections.${s}.questions.${q}.serves.${r}`, problem: 'unknown' });
    }
  }
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);

  await ctx.db.transaction().execute(async (trx) => {
    const keptSections = input.sections.flatMap((section) => (section.id ? [section.id] : []));
    const keptQuestions = input.sections.flatMap((section) => section.questions.flatMap((question) => (question.id ? [question.id] : [])));
    const goneQuestions = [...questionIds].filter((id) => !keptQuestions.includes(id));
    if (goneQuestions.length > 0) await trx.deleteFrom('study_guide_questions').where('id', 'in', goneQuestions).execute();
    const goneSections = [...sectionIds].filter((id) => !keptSections.includes(id));
    if (goneSections.length > 0) await trx.deleteFrom('study_guide_sections').where('id', 'in', goneSections).execute();
    for (const [s, section] of input.sections.entries()) {
      const sectionId = section.id ?? randomUUID();
      if (section.id)
        await trx
          .updateTable('study_guide_sections')
          .set({ position: s + 1, title: section.title.trim() })
          .where('id', '=', sectionId)
          .execute();
      else
        await trx
          .insertInto('study_guide_sections')
          .values({ id: sectionId, guide_id: guideId, position: s + 1, title: section.title.trim() })
          .execute();
      for (const [q, question] of section.questions.entries()) {
        const questionId = question.id ?? randomUUID();
        const values = {
          section_id: sectionId,
          position: q + 1,
          text: question.text.trim(),
          probes: question.probes.map((probe) => probe.trim()),
        };
        if (question.id) await trx.updateTable('study_guide_questions').set(values).where('id', '=', questionId).execute();
        else
          await trx
            .insertInto('study_guide_questions')
            .values({ id: questionId, ...values })
            .execute();
        await trx.deleteFrom('study_guide_question_links').where('question_id', '=', questionId).execute();
        if (question.serves.length > 0)
          await trx
            .insertInto('study_guide_question_links')
            .values(question.serves.map((rq) => ({ question_id: questionId, research_question_id: rq })))
            .execute();
      }
    }
    await trx
      .updateTable('study_guides')
      .set({ title: input.title.trim(), version: guide.version + 1, updated_by: who.actor.id, updated_at: new Date() })
      .where('id', '=', guideId)
      .execute();
    await auditStudy(trx, ctx, who, 'studies.guide.save', studyId, { guideId, version: guide.version + 1 });
  });
  return readGuide(ctx, who, studyId, guideId);
}
