import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../core/context.ts';
import { appendAudit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { worksOnOwnOrganisationsOnly, type Actor } from '../../core/policy/policy.ts';
import { auditChange, auditWho, openClient, type Who } from '../../core/record/access.ts';
import { nextServiceStatuses } from './codes.ts';
import type { DirectoryInput, PathwayServiceInput, ServiceStepInput } from './schema.ts';

/** The directory of partner services: who offers what, where, in which languages, and how to refer. */
export async function listDirectory(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom('pathway_directory')
    .innerJoin('organisations', 'organisations.id', 'pathway_directory.organisation_id')
    .select([
      'pathway_directory.id',
      'organisation_id',
      'organisations.name as organisationName',
      'service',
      'pathway_directory.name',
      'region',
      'languages',
      'how_to_refer',
    ])
    .orderBy('service')
    .orderBy('pathway_directory.name')
    .execute();
  return rows.map(({ organisation_id, how_to_refer, ...row }) => ({ ...row, organisationId: organisation_id, howToRefer: how_to_refer }));
}

export async function addDirectoryEntry(ctx: AppContext, who: Who, input: DirectoryInput) {
  const organisation = await ctx.db.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst();
  if (!organisation) throw new AppError(400, 'unknown_organisation');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pathway_directory')
      .values({
        id,
        organisation_id: input.organisationId,
        service: input.service,
        name: input.name,
        region: input.region,
        languages: input.languages,
        how_to_refer: input.howToRefer,
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'pathway.directory.add',
      outcome: 'succeeded',
      details: { entry: id },
    });
  });
  return { id };
}

/** A service is proposed to the person by those working on their plan; the provider hears of it only once referred. */
export async function proposeService(ctx: AppContext, who: Who, clientId: string, input: PathwayServiceInput) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'pathway.services.propose' });
  if (worksOnOwnOrganisationsOnly(who.actor)) throw new AppError(403, 'forbidden');
  const entry = await ctx.db.selectFrom('pathway_directory').select('id').where('id', '=', input.directoryId).executeTakeFirst();
  if (!entry) throw new AppError(400, 'pathway_unknown_directory_entry');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pathway_services')
      .values({
        id,
        person_id: clientId,
        directory_id: input.directoryId,
        status: 'proposed',
        proposed_on: input.proposedOn,
        updated_by: who.actor.id,
      })
      .execute();
    await auditChange(trx, ctx, who, 'pathway.services.propose', clientId, 'services', { service: id });
  });
  return { id };
}

/**
 * The services of a client the actor reaches: a provider partner only those referred to its own
 * organisation; everyone else on the record all of them.
 */
export function servicesOf(ctx: AppContext, actor: Actor, clientId: string) {
  let query = ctx.db
    .selectFrom('pathway_services')
    .innerJoin('pathway_directory', 'pathway_directory.id', 'pathway_services.directory_id')
    .innerJoin('organisations', 'organisations.id', 'pathway_directory.organisation_id')
    .select([
      'pathway_services.id',
      'pathway_services.status',
      'proposed_on',
      'referred_on',
      'consent_on',
      'shared_with_provider',
      'started_on',
      'ended_on',
      'drop_reason',
      'pathway_directory.service',
      'pathway_directory.name',
      'pathway_directory.organisation_id',
      'organisations.name as organisationName',
    ])
    .where('person_id', '=', clientId);
  if (worksOnOwnOrganisationsOnly(actor))
    query = query
      .where('pathway_directory.organisation_id', '=', actor.organisationId ?? '')
      .where('pathway_services.status', '!=', 'proposed');
  return query.orderBy('proposed_on').orderBy('pathway_services.id');
}

/**
 * A service's next step: referred (with the day the person consented and what is shared with the
 * provider), started, completed, or dropped with a reason. The provider's partner takes the steps
 * after referral on its own referrals.
 */
export async function stepService(ctx: AppContext, who: Who, clientId: string, serviceId: string, input: ServiceStepInput) {
  await openClient(ctx, who, clientId, { write: 'services', action: 'pathway.services.step' });
  const service = await servicesOf(ctx, who.actor, clientId).where('pathway_services.id', '=', serviceId).executeTakeFirst();
  if (!service) throw notFound();
  if (!nextServiceStatuses[service.status]?.includes(input.status)) throw new AppError(409, 'pathway_service_step');
  const referred = input.status === 'referred';
  if (referred && (!input.consentOn || !input.sharedWithProvider)) throw new AppError(400, 'pathway_referral_needs_consent');
  if (!referred && (input.consentOn || input.sharedWithProvider)) throw new AppError(400, 'pathway_consent_only_on_referral');
  if ((input.status === 'dropped') !== Boolean(input.dropReason)) throw new AppError(400, 'pathway_drop_reason');
  const since = service.started_on ?? service.referred_on ?? service.proposed_on;
  if (input.on < since) throw new AppError(400, 'pathway_step_before_earlier');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pathway_services')
      .set({
        status: input.status,
        updated_by: who.actor.id,
        ...(referred ? { referred_on: input.on, consent_on: input.consentOn, shared_with_provider: input.sharedWithProvider } : {}),
        ...(input.status === 'started' ? { started_on: input.on } : {}),
        ...(input.status === 'completed' || input.status === 'dropped'
          ? { ended_on: input.on, drop_reason: input.dropReason ?? null }
          : {}),
      })
      .where('id', '=', serviceId)
      .execute();
    await auditChange(trx, ctx, who, 'pathway.services.step', clientId, 'services', { service: serviceId, status: input.status });
  });
}
