import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { letterSettings } from '../installation/index.ts';
import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { ageOn, helsinkiDate } from '../../core/dates.ts';
import { placeMissing } from '../../core/codes.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import type { FieldGroup } from '../../core/policy/policy.ts';
import { referralAccess } from './referralAccess.ts';
import type { ReferralIntake } from './intake.ts';
import { findReferral, referralStatus } from './queries.ts';
import { openPersonName } from '../../core/record/personNames.ts';
import type { DecisionInput } from './schema.ts';

/** The diary numbers' prefix: the assistance system's (Ihmiskaupan uhrien auttamisjärjestelmä). */
export const referencePrefix = 'IKU';

/**
 * A decision's diary number, IKU/2026/000123: the year it was made (in Helsinki) and the next number
 * of the installation's sequence. Drawn once; the letter shows the same number however often printed.
 */
async function drawReference(db: Database, decidedAt: Date) {
  const { rows } = await sql<{ n: string }>`select nextval('decision_reference_seq') as n`.execute(db);
  return `${referencePrefix}/${helsinkiDate(decidedAt).slice(0, 4)}/${String(rows[0].n).padStart(6, '0')}`;
}

/** The decision's diary number; one imported without it is given the next number now, once. */
async function referenceOf(ctx: AppContext, decisionId: string, decidedAt: Date) {
  const known = await ctx.db.selectFrom('decisions').select('reference').where('id', '=', decisionId).executeTakeFirstOrThrow();
  if (known.reference) return known.reference;
  await ctx.db.transaction().execute(async (trx) => {
    const reference = await drawReference(trx, decidedAt);
    await trx.updateTable('decisions').set({ reference }).where('id', '=', decisionId).where('reference', 'is', null).execute();
  });
  return (await ctx.db.selectFrom('decisions').select('reference').where('id', '=', decisionId).executeTakeFirstOrThrow()).reference!;
}

/**
 * Admission or rejection, by the director or a designated official (the route asks the policy).
 * Admission makes the person a client: their office, caseworkers and children in their care are set.
 */
export async function decideReferral(ctx: AppContext, who: Who, referralId: string, input: DecisionInput) {
  const referral = await findReferral(ctx.db, referralId);
  if (!referral) throw notFound();
  if (referralStatus(referral) !== 'open') throw new AppError(409, 'referral_closed');
  const officeId = input.officeId ?? referral.office_id ?? who.actor.officeId;
  const caseworkerIds = [...new Set(input.caseworkerIds ?? [])];
  if (input.outcome === 'admitted') {
    if (!officeId || !(await ctx.db.selectFrom('offices').select('id').where('id', '=', officeId).executeTakeFirst()))
      throw new AppError(400, 'unknown_office');
    if (caseworkerIds.length === 0) throw new AppError(400, 'validation_failed', {}, [{ field: 'caseworkerIds', problem: 'minItems' }]);
    const staff = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('id', 'in', caseworkerIds)
      .where('role', 'in', ['director', 'caseworker', 'nurse'])
      .where('disabled_at', 'is', null)
      .execute();
    if (staff.length !== caseworkerIds.length) throw new AppError(400, 'not_assistance_staff');
    const main =
      input.exploitation ??
      (await ctx.db
        .selectFrom('exploitations')
        .select(['purpose', 'place'])
        .where('person_id', '=', referral.person_id)
        .where('main', '=', true)
        .executeTakeFirst());
    if (!main) throw new AppError(400, 'validation_failed', {}, [{ field: 'exploitation.purpose', problem: 'main_purpose_required' }]);
    if (placeMissing(main)) throw new AppError(400, 'validation_failed', {}, [{ field: 'exploitation.place', problem: 'place_required' }]);
  }
  const decisionId = randomUUID();
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('decisions')
      .values({
        id: decisionId,
        register_id: decisionId,
        referral_id: referralId,
        decided_at: now,
        outcome: input.outcome,
        decided_by: who.actor.id,
        letter_language: input.letterLanguage,
        reference: await drawReference(trx, now),
        reasons: ctx.cipher.encrypt(input.reasons.trim(), protectedContext('decisions', 'reasons', decisionId)),
      })
      .execute();
    if (input.outcome === 'admitted') {
      await trx.updateTable('persons').set({ office_id: officeId }).where('id', '=', referral.person_id).execute();
      if (input.exploitation) {
        const { purpose } = input.exploitation;
        const place = purpose === 'witness' ? null : (input.exploitation.place ?? null);
        // Known to be a minor now means a minor when exploited; otherwise what the referral said stands.
        const minorNow = referral.birth_date !== null && ageOn(referral.birth_date, helsinkiDate(now)) < 18;
        await trx.updateTable('exploitations').set({ main: false }).where('person_id', '=', referral.person_id).execute();
        await trx
          .insertInto('exploitations')
          .values({ person_id: referral.person_id, purpose, place, main: true, minor_at_time: minorNow })
          .onConflict((oc) => oc.columns(['person_id', 'purpose', 'place']).doUpdateSet({ main: true }))
          .execute();
      }
      for (const accountId of caseworkerIds) {
        await trx
          .insertInto('client_assignments')
          .values({ client_id: referral.person_id, account_id: accountId })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      const intake = JSON.parse(
        ctx.cipher.decryptOptional(referral.intake, protectedContext('referrals', 'intake', referralId)) ?? '{"children":[]}',
      ) as ReferralIntake;
      for (const child of intake.children) {
        const childId = randomUUID();
        await trx
          .insertInto('children')
          .values({
            id: childId,
            register_id: childId,
            guardian_id: referral.person_id,
            birth_date: child.birthDate,
            from_date: helsinkiDate(now),
          })
          .execute();
      }
    }
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'referrals.decide',
      outcome: 'succeeded',
      clientId: referral.person_id,
      fieldGroups: ['case'],
      details: { referral: referralId, decision: input.outcome, caseworkers: caseworkerIds },
    });
  });
  return { id: decisionId, outcome: input.outcome };
}

/** What the decision letter says, in the language chosen for it: the web page prints it. */
export async function decisionLetter(ctx: AppContext, who: Who, referralId: string, reason: string | null) {
  const referral = await findReferral(ctx.db, referralId);
  if (!referral || !referral.decision_id) throw notFound();
  const reads = await referralAccess(ctx, who, referral, 'referrals.letter', reason);
  const decider = referral.decided_by
    ? await ctx.db.selectFrom('accounts').select(['display_name', 'title']).where('id', '=', referral.decided_by).executeTakeFirst()
    : undefined;
  const language = (referral.letter_language ?? 'fi') as 'fi' | 'sv' | 'en';
  const [reference, settings] = await Promise.all([
    referenceOf(ctx, referral.decision_id, new Date(referral.decided_at!)),
    letterSettings(ctx.db),
  ]);
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: 'referrals.letter',
    outcome: 'succeeded',
    clientId: referral.person_id,
    fieldGroups: ['identity', 'case'].filter((group) => reads.has(group as FieldGroup)),
    reason: referral.has_record ? reason : null,
    details: { referral: referralId },
  });
  return {
    language,
    outcome: referral.outcome!,
    decidedAt: new Date(referral.decided_at!).toISOString(),
    receivedAt: new Date(referral.received_at).toISOString(),
    name: openPersonName(ctx.cipher, referral.person_id, referral.name),
    birthDate: referral.birth_date,
    officeId: referral.office_id,
    reasons: ctx.cipher.decryptOptional(referral.reasons, protectedContext('decisions', 'reasons', referral.decision_id)),
    deciderName: decider?.display_name ?? null,
    deciderTitle: decider?.title ?? null,
    reference,
    // The installation's own details, as its administrator gave them; none given, none printed.
    sender: settings && {
      name: settings.systemName[language],
      address: settings.address,
      phone: settings.phone,
      email: settings.email,
      website: settings.website ?? '',
    },
    appeal: settings && { authority: settings.appealAuthority[language], address: settings.appealAddress },
  };
}
