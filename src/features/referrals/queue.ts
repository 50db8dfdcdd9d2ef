import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { daysBetween, helsinkiDate, isoInstant } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { auditListRead, auditWho, type Who } from '../../core/record/access.ts';
import { referralAccess } from './referralAccess.ts';
import { nameIndexTerms, openPersonName } from '../../core/record/personNames.ts';
import type { ReferralIntake } from './intake.ts';
import { matchScore } from './matching.ts';
import { findReferral, matchCandidates, openReferrals, referralStatus, referralsWithPerson, type ReferralRow } from './queries.ts';

/** Open referrals, oldest first, with how many days each has waited (Helsinki days). */
export async function intakeQueue(ctx: AppContext, who: Who) {
  const rows = await openReferrals(ctx.db).execute();
  const today = helsinkiDate();
  await auditListRead(
    ctx.db,
    ctx,
    who,
    'referrals.queue',
    rows.map((row) => row.person_id),
  );
  return rows.map((row) => ({
    id: row.id,
    receivedAt: isoInstant(row.received_at),
    waitedDays: daysBetween(helsinkiDate(row.received_at), today),
    source: row.source,
    name: openPersonName(ctx.cipher, row.person_id, row.name),
    nationality: row.nationality,
    officeId: row.office_id,
    acuteThreat: row.acute_threat,
    safePlace: row.safe_place,
    consent: row.consent_override_reason ? 'child_override' : 'given',
    referrerOrganisation: row.referrer_organisation_name,
  }));
}

/** The referrals a partner organisation has sent, with where each stands: no more than the sender needs. */
export async function sentReferrals(ctx: AppContext, who: Who) {
  const rows = await referralsWithPerson(ctx.db)
    .where('referrals.referrer_organisation_id', '=', who.actor.organisationId ?? '')
    .orderBy('referrals.received_at', 'desc')
    .limit(500)
    .execute();
  await auditListRead(
    ctx.db,
    ctx,
    who,
    'referrals.sent',
    rows.map((row) => row.person_id),
  );
  return rows.map((row) => ({
    id: row.id,
    receivedAt: isoInstant(row.received_at),
    name: openPersonName(ctx.cipher, row.person_id, row.name),
    status: referralStatus(row),
  }));
}

export async function suggestions(ctx: AppContext, row: ReferralRow) {
  const reviews = await ctx.db.selectFrom('match_reviews').select(['candidate_id', 'outcome']).where('referral_id', '=', row.id).execute();
  const reviewed = new Map(reviews.map((review) => [review.candidate_id, review.outcome]));
  const name = openPersonName(ctx.cipher, row.person_id, row.name);
  const referred = { name, birthDate: row.birth_date, birthDateEstimated: row.birth_date_estimated, nationality: row.nationality };
  const candidates = await matchCandidates(ctx.db, {
    id: row.person_id,
    nationality: row.nationality,
    birth_date: row.birth_date,
    nameTerms: nameIndexTerms(ctx.keyring, name),
  });
  const scored = candidates
    .map((candidate) => ({ ...candidate, name: openPersonName(ctx.cipher, candidate.id, candidate.name) }))
    .map((candidate) => ({
      candidate,
      match: matchScore(referred, {
        name: candidate.name,
        birthDate: candidate.birth_date,
        birthDateEstimated: candidate.birth_date_estimated,
        nationality: candidate.nationality,
      }),
    }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => b.match!.score - a.match!.score)
    .slice(0, 10);
  return scored.map(({ candidate, match }) => ({
    personId: candidate.id,
    name: candidate.name,
    birthDate: candidate.birth_date,
    nationality: candidate.nationality,
    isClient: Boolean(candidate.is_client),
    score: match!.score,
    reasons: match!.reasons,
    review: reviewed.get(candidate.id) ?? null,
  }));
}

/** One referral as intake staff see it, with possible matches: logged as a read of the person's data. */
export async function readReferral(ctx: AppContext, who: Who, id: string, reason: string | null) {
  const row = await findReferral(ctx.db, id);
  if (!row) throw notFound();
  const reads = await referralAccess(ctx, who, row, 'referrals.read', reason);
  const intake =
    reads.has('case') || reads.has('contact') || reads.has('identity')
      ? (JSON.parse(
          ctx.cipher.decryptOptional(row.intake, protectedContext('referrals', 'intake', row.id)) ?? '{"account":null,"children":[]}',
        ) as ReferralIntake)
      : { account: null, children: [] };
  const [exploitations, residence, matches, decider] = await Promise.all([
    reads.has('case')
      ? ctx.db.selectFrom('exploitations').selectAll().where('person_id', '=', row.person_id).orderBy('main', 'desc').execute()
      : [],
    reads.has('immigration')
      ? ctx.db.selectFrom('residence_statuses').selectAll().where('person_id', '=', row.person_id).orderBy('at', 'desc').execute()
      : [],
    reads.has('identity') ? suggestions(ctx, row) : [],
    reads.has('case') && row.decided_by
      ? ctx.db.selectFrom('accounts').select(['display_name', 'title']).where('id', '=', row.decided_by).executeTakeFirst()
      : undefined,
  ]);
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: 'referrals.read',
    outcome: 'succeeded',
    clientId: row.person_id,
    fieldGroups: [...reads],
    reason: row.has_record ? reason : null,
    details: { referral: row.id, clients: matches.map((match) => match.personId) },
  });
  const contact = reads.has('contact');
  return {
    id: row.id,
    personId: row.person_id,
    status: referralStatus(row),
    receivedAt: isoInstant(row.received_at),
    waitedDays: daysBetween(helsinkiDate(row.received_at), helsinkiDate()),
    source: row.source,
    referrerName: ctx.cipher.decryptOptional(row.referrer_name, protectedContext('referrals', 'referrer_name', row.id)),
    referrerOrganisation: row.referrer_organisation_name,
    officeId: row.office_id,
    person: {
      name: openPersonName(ctx.cipher, row.person_id, row.name),
      birthDate: row.birth_date,
      birthDateEstimated: row.birth_date_estimated,
      gender: row.gender,
      nationality: row.nationality,
      languages: row.languages,
      interpreterNeeded: row.interpreter_needed,
      safePlace: row.safe_place,
      acuteThreat: row.acute_threat,
      contact: contact ? ctx.cipher.decryptOptional(row.contact, protectedContext('persons', 'contact', row.person_id)) : null,
      whereabouts: contact ? ctx.cipher.decryptOptional(row.whereabouts, protectedContext('persons', 'whereabouts', row.person_id)) : null,
    },
    consent: row.consent_override_reason
      ? {
          given: false,
          overrideReason: reads.has('case')
            ? ctx.cipher.decrypt(row.consent_override_reason, protectedContext('referrals', 'consent_override_reason', row.id))
            : '',
        }
      : {
          given: true,
          givenBy: row.consent_given_by,
          at: isoInstant(row.consent_at),
          method: row.consent_method,
          interpreter: row.consent_interpreter,
        },
    account: intake.account,
    children: intake.children,
    replyChannel: intake.replyChannel ?? null,
    replyLanguage: intake.language ?? null,
    childrenWithMe: intake.childrenWithMe ?? null,
    exploitations: exploitations.map((e) => ({
      purpose: e.purpose,
      place: e.place,
      main: e.main,
      minorAtTime: e.minor_at_time,
      sector: e.sector,
      meansOfControl: e.means_of_control,
      recruitment: e.recruitment,
    })),
    residence: residence.map((r) => ({ status: r.status, at: r.at })),
    decision: row.outcome
      ? {
          outcome: row.outcome,
          decidedAt: isoInstant(row.decided_at),
          letterLanguage: row.letter_language,
          deciderName: decider?.display_name ?? null,
          reasons: reads.has('case')
            ? ctx.cipher.decryptOptional(row.reasons, protectedContext('decisions', 'reasons', row.decision_id!))
            : null,
        }
      : null,
    withdrawnAt: isoInstant(row.withdrawn_at),
    matches,
  };
}

/** The person withdrew consent before a decision: the referral closes, and that is recorded. */
export async function withdrawReferral(ctx: AppContext, who: Who, id: string) {
  const row = await findReferral(ctx.db, id);
  if (!row) throw notFound();
  if (referralStatus(row) !== 'open') throw new AppError(409, 'referral_closed');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('withdrawals').values({ referral_id: id, at: new Date(), recorded_by: who.actor.id }).execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: 'referrals.withdraw',
      outcome: 'succeeded',
      clientId: row.person_id,
      fieldGroups: ['case'],
      details: { referral: id },
    });
  });
}
