import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { placeMissing } from '../../core/codes.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { ageOn, helsinkiDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { can, refersForOrganisation } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import { indexPersonName, sealPersonName } from '../../core/record/personNames.ts';
import type { ReferralInput } from './schema.ts';

/** The person a referral is about, what they are thought to have gone through, and their consent: as the referral's schema says. */
export type ReferredPerson = ReferralInput['person'];
export type SuspectedExploitation = NonNullable<ReferralInput['exploitation']>;
export type Consent = ReferralInput['consent'];

/** What the referral carries encrypted, beyond its columns. */
/** How a person referring themself asked to be answered: a channel code, its address and safe times. */
export interface ReplyChannel {
  kind: string;
  address: string | null;
  safeTimes: string | null;
}

export interface ReferralIntake {
  account: string | null;
  children: Array<{ birthDate: string }>;
  /** From the public page only: the reply channel, the page's language and children mentioned (no birth dates). */
  replyChannel?: ReplyChannel | null;
  language?: string | null;
  childrenWithMe?: number | null;
  /** From the recognition guide only: the warning signs the professional answered Yes or Maybe, and how to reach them. */
  warningSigns?: WarningSignAnswers;
  referrerContact?: string | null;
}

/** The guide's answers by sign id (the signs are the consultations feature's). */
export type WarningSignAnswers = Record<string, 'yes' | 'maybe' | 'no'>;

/** A public referral: the person's own (with how to answer them), or a professional's from the recognition guide. */
type PublicReferrer = {
  publicLanguage: string;
  replyChannel: ReplyChannel | null;
  childrenWithMe: number | null;
  warningSigns?: WarningSignAnswers;
  referrerContact?: string;
};
type Referrer = { who: Who } | PublicReferrer;

/**
 * A referral lands in the intake queue with the person it is about. No consent, no referral: the only
 * exception is a child, whose referral a role allowed to override may record with a written reason.
 */
export async function createReferral(ctx: AppContext, referrer: Referrer, input: ReferralInput): Promise<{ id: string; personId: string }> {
  const now = new Date();
  const today = helsinkiDate(now);
  const problems: Array<{ field: string; problem: string }> = [];
  if (input.person.birthDate > today) problems.push({ field: 'person.birthDate', problem: 'not_in_future' });
  for (const [index, child] of (input.children ?? []).entries())
    if (child.birthDate > today) problems.push({ field: `children.${index}.birthDate`, problem: 'not_in_future' });
  if (input.exploitation && new Set(input.exploitation.purposes).size !== input.exploitation.purposes.length)
    problems.push({ field: 'exploitation.purposes', problem: 'uniqueItems' });
  if (input.exploitation?.purposes.some((purpose) => placeMissing({ purpose, place: input.exploitation!.place })))
    problems.push({ field: 'exploitation.place', problem: 'place_required' });
  if (input.consent.given && Date.parse(input.consent.at) > now.getTime() + 60_000)
    problems.push({ field: 'consent.at', problem: 'not_in_future' });
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);

  const who = 'who' in referrer ? referrer.who : null;
  if (!input.consent.given) {
    if (ageOn(input.person.birthDate, today) >= 18) throw new AppError(400, 'consent_required');
    if (!who || !can(who.actor, 'referrals.consentOverride')) throw new AppError(403, 'consent_override_not_allowed');
  }
  // A partner or the public does not place a referral in an office: the assistance system does.
  const officeId = !who || refersForOrganisation(who.actor) ? null : (input.officeId ?? who.actor.officeId);
  if (officeId && !(await ctx.db.selectFrom('offices').select('id').where('id', '=', officeId).executeTakeFirst()))
    throw new AppError(400, 'unknown_office');

  const personId = randomUUID();
  const referralId = randomUUID();
  const intake: ReferralIntake = {
    account: input.account ?? null,
    children: input.children ?? [],
    ...('publicLanguage' in referrer
      ? {
          replyChannel: referrer.replyChannel,
          language: referrer.publicLanguage,
          childrenWithMe: referrer.childrenWithMe,
          ...(referrer.warningSigns ? { warningSigns: referrer.warningSigns, referrerContact: referrer.referrerContact ?? null } : {}),
        }
      : {}),
  };
  const seal = (table: string, column: string, id: string, value: string | null | undefined) =>
    ctx.cipher.encryptOptional(value, protectedContext(table, column, id));
  await ctx.db.transaction().execute(async (trx) => {
    const person = input.person;
    await trx
      .insertInto('persons')
      .values({
        id: personId,
        register_id: personId,
        office_id: officeId,
        name: sealPersonName(ctx.cipher, personId, person.name),
        birth_date: person.birthDate,
        birth_date_estimated: person.birthDateEstimated ?? false,
        gender: person.gender,
        nationality: person.nationality,
        languages: person.languages ?? [],
        interpreter_needed: person.interpreterNeeded ?? false,
        contact: seal('persons', 'contact', personId, person.contact),
        whereabouts: seal('persons', 'whereabouts', personId, person.whereabouts),
      })
      .execute();
    await indexPersonName(trx, ctx.keyring, personId, person.name);
    const consent = input.consent;
    await trx
      .insertInto('referrals')
      .values({
        id: referralId,
        register_id: referralId,
        person_id: personId,
        received_at: now,
        source: input.source,
        // A child's referral without consent keeps the register's consent time at receipt; the override says why.
        consent_at: consent.given ? consent.at : now,
        consent_given_by: consent.given ? consent.givenBy : null,
        consent_method: consent.given ? consent.method : null,
        consent_interpreter: consent.given ? (consent.interpreter ?? null) : null,
        consent_override_reason: consent.given ? null : seal('referrals', 'consent_override_reason', referralId, consent.overrideReason),
        referrer_account_id: who?.actor.id ?? null,
        referrer_organisation_id: who && refersForOrganisation(who.actor) ? who.actor.organisationId : null,
        referrer_name: seal('referrals', 'referrer_name', referralId, input.referrerName?.trim()),
        safe_place: person.safePlace ?? null,
        acute_threat: person.acuteThreat ?? null,
        intake: seal('referrals', 'intake', referralId, JSON.stringify(intake)),
      })
      .execute();
    const exploitation = input.exploitation;
    for (const [index, purpose] of (exploitation?.purposes ?? []).entries()) {
      await trx
        .insertInto('exploitations')
        .values({
          person_id: personId,
          purpose,
          place: purpose === 'witness' ? null : (exploitation!.place ?? null),
          main: index === 0,
          minor_at_time: exploitation!.minorAtTime ?? false,
          sector: exploitation!.sector ?? null,
          means_of_control: exploitation!.meansOfControl ?? [],
          recruitment: exploitation!.recruitment ?? null,
        })
        .execute();
    }
    if (input.residenceStatus)
      await trx.insertInto('residence_statuses').values({ person_id: personId, status: input.residenceStatus, at: today }).execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      // A person referring themself leaves no address behind.
      ...(who ? auditWho(who) : { actorId: null, actorRole: 'public', ip: null }),
      action: 'referrals.create',
      outcome: 'succeeded',
      clientId: personId,
      fieldGroups: ['identity', 'contact', 'case'],
      details: { referral: referralId, source: input.source, consent: consent.given ? 'given' : 'child_override' },
    });
  });
  return { id: referralId, personId };
}
