import { sql } from 'kysely';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { worksOnOwnOrganisationsOnly } from '../../core/policy/policy.ts';
import type { RecordPart } from '../../core/record/recordPart.ts';
import { openVersions } from './plans.ts';
import { servicesOf } from './services.ts';
import { checkpointsSchema, clinicalNotesSchema, pathwayServicesSchema, placementsSchema, plansSchema, progressSchema } from './schema.ts';
import { unmetChecks } from './safeWork.ts';

/** Client and integration plans, each as its current version; a partner organisation sees those that name it. */
const plansPart: RecordPart<typeof plansSchema, 'pathwayPlans'> = {
  key: 'pathwayPlans',
  group: 'services',
  schema: plansSchema,
  staff: (clientId) =>
    sql`select v.recorded_by from pathway_plan_versions v join pathway_plans p on p.id = v.plan_id where p.person_id = ${clientId}`,
  async read({ ctx, actor, clientId, nameOf }) {
    let query = ctx.db
      .selectFrom('pathway_plans as p')
      .innerJoin('pathway_plan_versions as v', 'v.plan_id', 'p.id')
      .select([
        'p.id as planId',
        'p.kind',
        'v.id',
        'v.version',
        'v.drawn_on',
        'v.next_review_on',
        'v.content',
        'v.recorded_by',
        'v.recorded_at',
      ])
      .where('p.person_id', '=', clientId)
      .where('v.version', '=', (eb) =>
        eb
          .selectFrom('pathway_plan_versions as w')
          .select((w) => w.fn.max('w.version').as('m'))
          .whereRef('w.plan_id', '=', 'p.id'),
      );
    if (worksOnOwnOrganisationsOnly(actor))
      query = query.where('v.id', 'in', (eb) =>
        eb
          .selectFrom('pathway_plan_partners')
          .select('version_id')
          .where('organisation_id', '=', actor.organisationId ?? ''),
      );
    const rows = await query.orderBy('p.created_at').execute();
    const versions = await openVersions(ctx, rows, nameOf);
    return {
      value: rows.map((row, index) => ({ id: row.planId, kind: row.kind, versions: row.version, ...versions[index] })),
      timeline: rows.map((row) => ({ day: row.drawn_on, kind: `pathway_plan_${row.kind}`, by: nameOf(row.recorded_by) })),
    };
  },
};

/** The checkpoints over time, newest first; of mental state only whether the person is ready. */
const checkpointsPart: RecordPart<typeof checkpointsSchema, 'pathwayCheckpoints'> = {
  key: 'pathwayCheckpoints',
  group: 'services',
  schema: checkpointsSchema,
  staff: (clientId) => sql`select recorded_by from pathway_checkpoints where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const rows = await ctx.db
      .selectFrom('pathway_checkpoints')
      .select(['id', 'kind', 'assessed_on', 'assessor', 'level', 'language', 'skills', 'source', 'recorded_by'])
      .where('person_id', '=', clientId)
      .orderBy('assessed_on', 'desc')
      .orderBy('recorded_at', 'desc')
      .execute();
    return {
      value: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        assessedOn: row.assessed_on,
        assessor: row.assessor,
        level: row.level,
        language: row.language,
        skills: row.skills,
        source: row.source,
        by: nameOf(row.recorded_by),
      })),
    };
  },
};

/** The clinical content of mental-state checkpoints: health data, sealed. */
const clinicalPart: RecordPart<typeof clinicalNotesSchema, 'pathwayClinicalNotes'> = {
  key: 'pathwayClinicalNotes',
  group: 'health',
  schema: clinicalNotesSchema,
  async read({ ctx, clientId }) {
    const rows = await ctx.db
      .selectFrom('pathway_checkpoints')
      .select(['id', 'assessed_on', 'clinical_note'])
      .where('person_id', '=', clientId)
      .where('clinical_note', 'is not', null)
      .orderBy('assessed_on', 'desc')
      .execute();
    return {
      value: rows.map((row) => ({
        checkpointId: row.id,
        assessedOn: row.assessed_on,
        note: ctx.cipher.decrypt(row.clinical_note!, protectedContext('pathway_checkpoints', 'clinical_note', row.id)),
      })),
    };
  },
};

/** Pathway services; a provider partner sees only those referred to it. */
const servicesPart: RecordPart<typeof pathwayServicesSchema, 'pathwayServices'> = {
  key: 'pathwayServices',
  group: 'services',
  schema: pathwayServicesSchema,
  async read({ ctx, actor, clientId }) {
    const rows = await servicesOf(ctx, actor, clientId).execute();
    return {
      value: rows.map((row) => ({
        id: row.id,
        service: row.service,
        name: row.name,
        organisationId: row.organisation_id,
        organisationName: row.organisationName,
        status: row.status,
        proposedOn: row.proposed_on,
        referredOn: row.referred_on,
        consentOn: row.consent_on,
        sharedWithProvider: row.shared_with_provider,
        startedOn: row.started_on,
        endedOn: row.ended_on,
        dropReason: row.drop_reason,
      })),
    };
  },
};

/** Progress readings made with the person, oldest first (the chart reads them in order). */
const progressPart: RecordPart<typeof progressSchema, 'pathwayProgress'> = {
  key: 'pathwayProgress',
  group: 'coaching',
  schema: progressSchema,
  staff: (clientId) => sql`select recorded_by from pathway_progress where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const rows = await ctx.db.selectFrom('pathway_progress').selectAll().where('person_id', '=', clientId).orderBy('read_on').execute();
    return {
      value: rows.map((row) => ({ id: row.id, readOn: row.read_on, scores: row.scores, by: nameOf(row.recorded_by) })),
      timeline: rows.map((row) => ({ day: row.read_on, kind: 'pathway_progress', by: nameOf(row.recorded_by) })),
    };
  },
};

/** Placements and jobs, each with the points of its fair-work check not met. */
const placementsPart: RecordPart<typeof placementsSchema, 'pathwayPlacements'> = {
  key: 'pathwayPlacements',
  group: 'services',
  schema: placementsSchema,
  staff: (clientId) => sql`select recorded_by from pathway_placements where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const rows = await ctx.db
      .selectFrom('pathway_placements')
      .innerJoin('pathway_employers', 'pathway_employers.id', 'pathway_placements.employer_id')
      .select(['pathway_placements.id', 'pathway_employers.name', 'kind', 'starts_on', 'ends_on', 'checked_on', 'checks', 'recorded_by'])
      .where('person_id', '=', clientId)
      .orderBy('starts_on', 'desc')
      .execute();
    return {
      value: rows.map((row) => ({
        id: row.id,
        employerName: row.name,
        kind: row.kind,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        checkedOn: row.checked_on,
        unmet: unmetChecks(row.checks),
        by: nameOf(row.recorded_by),
      })),
    };
  },
};

export const pathwayParts = [plansPart, checkpointsPart, clinicalPart, servicesPart, progressPart, placementsPart] as const;
