import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { canShare, endedCaseWrites, type FieldGroup } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { accessLogOf, listClientsFor } from './queries.ts';
import { caseEnded, findClient, hasAdmission, hasReferral, relationshipTo } from '../../core/record/persons.ts';
import type { Database } from '../../core/db/database.ts';
import { auditListRead, auditWho, openClient, type Who } from '../../core/record/access.ts';
import { readRecordPage, readRecordParts, type PageOf } from './recordParts.ts';
import type { RecordPart } from '../../core/record/recordPart.ts';
import { requireKnownPlacement } from '../organisations/index.ts';
import { indexPersonName, openPersonName, sealPersonName } from '../../core/record/personNames.ts';
import type { NewClient, Share } from './schema.ts';

export async function createClient(ctx: AppContext, who: Who, input: NewClient) {
  const officeId = input.officeId ?? who.actor.officeId;
  if (!officeId) throw new AppError(400, 'office_required');
  await requireKnownPlacement(ctx.db, { officeId });
  const id = randomUUID();
  const groups: FieldGroup[] = input.contact || input.whereabouts ? ['identity', 'contact'] : ['identity'];
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('persons')
      .values({
        id,
        register_id: id,
        office_id: officeId,
        name: sealPersonName(ctx.cipher, id, input.name),
        birth_date: input.birthDate ?? null,
        gender: input.gender,
        nationality: input.nationality,
        contact: ctx.cipher.encryptOptional(input.contact, protectedContext('persons', 'contact', id)),
        whereabouts: ctx.cipher.encryptOptional(input.whereabouts, protectedContext('persons', 'whereabouts', id)),
      })
      .execute();
    await indexPersonName(trx, ctx.keyring, id, input.name);
    await trx.insertInto('client_assignments').values({ client_id: id, account_id: who.actor.id }).execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'clients.create',
      outcome: 'succeeded',
      clientId: id,
      fieldGroups: groups,
    });
  });
  return { id };
}

const byName = new Intl.Collator('fi');
const nameOrder = (a: { name: string | null }, b: { name: string | null }) =>
  a.name === null || b.name === null ? Number(a.name === null) - Number(b.name === null) : byName.compare(a.name, b.name);

export async function listClients(ctx: AppContext, who: Who) {
  return ctx.db.transaction().execute(async (trx) => {
    const clients = await listClientsFor(trx, who.actor);
    await auditListRead(
      trx,
      ctx,
      who,
      'clients.list',
      clients.map((client) => client.id),
    );
    // Names are sealed, so the list is put in order here, once they are opened.
    return clients
      .map((client) => ({ id: client.id, name: openPersonName(ctx.cipher, client.id, client.name), officeId: client.office_id }))
      .sort(nameOrder);
  });
}

/** A referral not (yet) admitted, a client (admitted, or recorded directly), or a client whose assistance has ended. */
async function caseStatus(db: Database, id: string): Promise<'referral' | 'client' | 'ended'> {
  if (await caseEnded(db, id)) return 'ended';
  const row = await db
    .selectFrom('persons')
    .select([hasAdmission.as('admitted'), hasReferral.as('referred')])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.admitted || !row.referred ? 'client' : 'referral';
}

/** Reads one client's record, only the field groups the policy grants, and logs the read with them. */
export async function readClient(ctx: AppContext, who: Who, id: string, reason: string | null, parts: readonly RecordPart[]) {
  const { client, access } = await openClient(ctx, who, id, { action: 'clients.read' }, reason);
  const [status, partsRead] = await Promise.all([caseStatus(ctx.db, id), readRecordParts(ctx, who.actor, id, access, parts)]);
  const record = {
    id: client.id,
    officeId: client.office_id,
    relationship: access.relationship,
    status,
    readable: access.read,
    // An ended case is read-only but for what the policy keeps open for it: the page offers only those forms.
    writable: status === 'ended' ? endedCaseWrites(who.actor, access) : access.write,
    identity: access.read.includes('identity')
      ? {
          name: openPersonName(ctx.cipher, id, client.name),
          birthDate: client.birth_date,
          birthDateEstimated: client.birth_date_estimated,
          gender: client.gender,
          nationality: client.nationality,
          languages: client.languages,
          interpreterNeeded: client.interpreter_needed,
        }
      : undefined,
    contact: access.read.includes('contact')
      ? {
          contact: ctx.cipher.decryptOptional(client.contact, protectedContext('persons', 'contact', id)),
          whereabouts: ctx.cipher.decryptOptional(client.whereabouts, protectedContext('persons', 'whereabouts', id)),
        }
      : undefined,
    ...partsRead,
  };
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: 'clients.read',
    outcome: 'succeeded',
    clientId: id,
    fieldGroups: access.read,
    reason: access.reasonRequired ? reason : null,
  });
  return record;
}

/**
 * The next page of a part of a client's record read a page at a time (notes, documents), or of its
 * timeline: opened, and its read logged, as the record is, with the field groups the page shows.
 */
export async function readClientPage(
  ctx: AppContext,
  who: Who,
  id: string,
  reason: string | null,
  parts: readonly RecordPart[],
  page: PageOf,
) {
  const group = parts.find((part) => part.paged && part.key === page.part)?.group;
  const { access } = await openClient(ctx, who, id, { action: 'clients.read', read: group }, reason);
  const shown = await readRecordPage(ctx, who.actor, id, access, parts, page);
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: 'clients.read',
    outcome: 'succeeded',
    clientId: id,
    fieldGroups: group ? [group] : access.read,
    reason: access.reasonRequired ? reason : null,
    details: { page: page.part },
  });
  return shown;
}

/**
 * Shares field groups of a client's record with a partner organisation, or ends the share (no field
 * groups). Sharing needs the person's consent on record; after assistance has ended a share can only
 * narrow or end.
 */
export async function shareClient(ctx: AppContext, who: Who, id: string, share: Share) {
  const { organisationId, fieldGroups, consent } = share;
  const client = await findClient(ctx.db, id);
  if (!client) throw notFound();
  const { relationship } = await relationshipTo(ctx.db, who.actor, client);
  if (!canShare(who.actor, relationship)) throw new AppError(403, 'forbidden');
  await requireKnownPlacement(ctx.db, { organisationId });
  if (fieldGroups.length > 0) {
    if (!consent) throw new AppError(400, 'validation_failed', {}, [{ field: 'consent', problem: 'required' }]);
    if (new Date(consent.at) > new Date())
      throw new AppError(400, 'validation_failed', {}, [{ field: 'consent.at', problem: 'not_in_future' }]);
    if (await caseEnded(ctx.db, id)) {
      const before = await ctx.db
        .selectFrom('client_shares')
        .select('field_groups')
        .where('client_id', '=', id)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      if (!fieldGroups.every((group) => before?.field_groups.includes(group))) throw new AppError(409, 'case_ended_no_sharing');
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('client_shares').where('client_id', '=', id).where('organisation_id', '=', organisationId).execute();
    if (fieldGroups.length > 0 && consent)
      await trx
        .insertInto('client_shares')
        .values({
          client_id: id,
          organisation_id: organisationId,
          field_groups: fieldGroups,
          consent_given_by: consent.givenBy,
          consent_method: consent.method,
          consent_at: new Date(consent.at),
        })
        .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'clients.share',
      outcome: 'succeeded',
      clientId: id,
      fieldGroups,
      details: {
        organisation: organisationId,
        ...(consent && fieldGroups.length > 0 ? { consentGivenBy: consent.givenBy, consentMethod: consent.method } : {}),
      },
    });
  });
}

/** A client has the right to know who has seen or changed their data; a director can show them. */
export async function clientAccessLog(ctx: AppContext, who: Who, id: string) {
  if (!(await findClient(ctx.db, id))) throw notFound();
  const entries = await accessLogOf(ctx.db, id);
  await appendAudit(ctx.db, ctx.keyring.auditKey, { ...auditWho(who), action: 'clients.access_log', outcome: 'succeeded', clientId: id });
  return entries.map((entry) => ({
    at: new Date(entry.at).toISOString(),
    actorName: entry.display_name,
    actorRole: entry.actor_role,
    organisationId: entry.organisation_id,
    action: entry.action,
    outcome: entry.outcome,
    fieldGroups: entry.field_groups,
    reason: entry.reason,
  }));
}
