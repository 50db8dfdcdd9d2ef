import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { DB } from '../../core/db/types.ts';
import { isoInstant } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { worksOnOwnOrganisationsOnly, type Actor } from '../../core/policy/policy.ts';
import { auditChange, openClient, auditWho, type Who } from '../../core/record/access.ts';
import { appendAudit } from '../../core/audit/audit.ts';
import type { PlanInput, PlanRevisionInput } from './schema.ts';
import { addReminder, closeReminders } from './reminders.ts';

type Goal = PlanInput['goals'][number] & { id: string };
interface Content {
  drawnBy: string;
  drawnWith: string;
  goals: Goal[];
}

/** A goal on hold says why (e.g. "therapy first"); a goal no longer active says since when. */
function checkGoals(goals: PlanInput['goals']): Goal[] {
  const ids = new Set<string>();
  return goals.map((goal) => {
    if (goal.status === 'on_hold' && !goal.holdReason) throw new AppError(400, 'pathway_goal_hold_reason');
    if (goal.status !== 'on_hold' && goal.holdReason) throw new AppError(400, 'pathway_goal_hold_reason_only_on_hold');
    if (goal.statusOn && goal.statusOn < goal.setOn) throw new AppError(400, 'pathway_goal_dates');
    const id = goal.id ?? randomUUID();
    if (ids.has(id)) throw new AppError(400, 'pathway_goal_twice');
    ids.add(id);
    return { ...goal, id, holdReason: goal.holdReason ?? null, statusOn: goal.statusOn ?? null };
  });
}

/**
 * The partners named on a plan, each with the day the person consented to sharing the plan with it.
 * A partner organisation drawing or revising a plan must be among them: it works only on plans it is on.
 */
async function checkPartners(ctx: AppContext, actor: Actor, partners: PlanInput['partners']) {
  const ids = partners.map((partner) => partner.organisationId);
  if (new Set(ids).size !== ids.length) throw new AppError(400, 'pathway_partner_twice');
  if (ids.length > 0) {
    const known = await ctx.db.selectFrom('organisations').select('id').where('id', 'in', ids).execute();
    if (known.length !== ids.length) throw new AppError(400, 'unknown_organisation');
  }
  if (worksOnOwnOrganisationsOnly(actor) && !ids.includes(actor.organisationId ?? '')) throw new AppError(403, 'pathway_not_plan_partner');
}

async function insertVersion(
  trx: Transaction<DB>,
  ctx: AppContext,
  who: Who,
  planId: string,
  version: number,
  input: PlanRevisionInput,
  goals: Goal[],
) {
  const id = randomUUID();
  const content: Content = { drawnBy: input.drawnBy, drawnWith: input.drawnWith, goals };
  await trx
    .insertInto('pathway_plan_versions')
    .values({
      id,
      plan_id: planId,
      version,
      drawn_on: input.drawnOn,
      next_review_on: input.nextReviewOn ?? null,
      content: ctx.cipher.encrypt(JSON.stringify(content), protectedContext('pathway_plan_versions', 'content', id)),
      recorded_by: who.actor.id,
    })
    .execute();
  if (input.partners.length > 0)
    await trx
      .insertInto('pathway_plan_partners')
      .values(input.partners.map((partner) => ({ version_id: id, organisation_id: partner.organisationId, consent_on: partner.consentOn })))
      .execute();
}

/** A new client or integration plan: its first version, and its next review as a reminder. */
export async function createPlan(ctx: AppContext, who: Who, clientId: string, input: PlanInput, language: string) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'pathway.plans.create' });
  const goals = checkGoals(input.goals);
  await checkPartners(ctx, who.actor, input.partners);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('pathway_plans').values({ id, person_id: clientId, kind: input.kind }).execute();
    await insertVersion(trx, ctx, who, id, 1, input, goals);
    if (input.nextReviewOn) await addReminder(trx, ctx, who, clientId, 'plan_review', input.nextReviewOn, language, id);
    await auditChange(trx, ctx, who, 'pathway.plans.create', clientId, 'services', { plan: id, version: 1 });
  });
  return { id };
}

/** A plan as the actor may reach it: a partner organisation reaches only a plan whose current version names it. */
async function reachablePlan(ctx: AppContext, actor: Actor, clientId: string, planId: string) {
  const plan = await ctx.db
    .selectFrom('pathway_plans')
    .selectAll()
    .where('id', '=', planId)
    .where('person_id', '=', clientId)
    .executeTakeFirst();
  if (!plan) throw notFound();
  const current = await ctx.db
    .selectFrom('pathway_plan_versions')
    .select(['id', 'version'])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  if (worksOnOwnOrganisationsOnly(actor)) {
    const named = await ctx.db
      .selectFrom('pathway_plan_partners')
      .select('organisation_id')
      .where('version_id', '=', current.id)
      .where('organisation_id', '=', actor.organisationId ?? '')
      .executeTakeFirst();
    if (!named) throw notFound();
  }
  return { plan, current };
}

/** A revision is a new version; the earlier ones stay as they were. */
export async function revisePlan(ctx: AppContext, who: Who, clientId: string, planId: string, input: PlanRevisionInput, language: string) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'pathway.plans.revise' });
  const { current } = await reachablePlan(ctx, who.actor, clientId, planId);
  const goals = checkGoals(input.goals);
  await checkPartners(ctx, who.actor, input.partners);
  const version = current.version + 1;
  await ctx.db.transaction().execute(async (trx) => {
    await insertVersion(trx, ctx, who, planId, version, input, goals);
    // A new review date answers the earlier review: its reminder is done, the new one takes its place.
    if (input.nextReviewOn) {
      await closeReminders(trx, clientId, 'plan_review', planId);
      await addReminder(trx, ctx, who, clientId, 'plan_review', input.nextReviewOn, language, planId);
    }
    await auditChange(trx, ctx, who, 'pathway.plans.revise', clientId, 'services', { plan: planId, version });
  });
  return { version };
}

type VersionRow = {
  id: string;
  version: number;
  drawn_on: string;
  next_review_on: string | null;
  content: string;
  recorded_by: string | null;
  recorded_at: Date;
};

/** The versions of plans, opened, with their partners (newest version first within each plan). */
export async function openVersions(ctx: AppContext, rows: VersionRow[], nameOf: (id: string | null) => string | null) {
  const partners =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('pathway_plan_partners')
          .innerJoin('organisations', 'organisations.id', 'pathway_plan_partners.organisation_id')
          .select(['version_id', 'organisation_id', 'organisations.name', 'consent_on'])
          .where(
            'version_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('organisations.name')
          .execute();
  return rows.map((row) => {
    const content = JSON.parse(ctx.cipher.decrypt(row.content, protectedContext('pathway_plan_versions', 'content', row.id))) as Content;
    return {
      version: row.version,
      drawnBy: content.drawnBy,
      drawnWith: content.drawnWith,
      drawnOn: row.drawn_on,
      nextReviewOn: row.next_review_on,
      goals: content.goals,
      partners: partners
        .filter((partner) => partner.version_id === row.id)
        .map((partner) => ({ organisationId: partner.organisation_id, organisationName: partner.name, consentOn: partner.consent_on })),
      recordedBy: nameOf(row.recorded_by),
      recordedAt: isoInstant(row.recorded_at),
    };
  });
}

/** Every version of one plan, to read and compare: the read is audited like the record's. */
export async function planVersions(ctx: AppContext, who: Who, clientId: string, planId: string, reason: string | null) {
  const { access } = await openClient(ctx, who, clientId, { read: 'services', action: 'pathway.plans.versions' }, reason);
  const { plan } = await reachablePlan(ctx, who.actor, clientId, planId);
  const rows = await ctx.db
    .selectFrom('pathway_plan_versions')
    .leftJoin('accounts', 'accounts.id', 'pathway_plan_versions.recorded_by')
    .select([
      'pathway_plan_versions.id',
      'version',
      'drawn_on',
      'next_review_on',
      'content',
      'recorded_by',
      'recorded_at',
      'accounts.display_name',
    ])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .execute();
  const names = new Map(rows.map((row) => [row.recorded_by, row.display_name]));
  const versions = await openVersions(ctx, rows, (id) => names.get(id) ?? null);
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: 'pathway.plans.versions',
    outcome: 'succeeded',
    clientId,
    fieldGroups: ['services'],
    reason: access.reasonRequired ? reason : null,
    details: { plan: planId },
  });
  return { id: plan.id, kind: plan.kind, versions };
}
