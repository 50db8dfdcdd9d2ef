import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { daysBetween, helsinkiDate, isoInstant } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { auditListRead, auditWho, type Who } from '../../core/record/access.ts';
import { relationshipTo } from '../../core/record/persons.ts';
import { clientAccess } from '../../core/policy/policy.ts';
import { referralAccess } from './referralAccess.ts';
import { nameIndexTerms, nameSearchTerms, openPersonName } from '../../core/record/personNames.ts';
import type { ReferralIntake } from './intake.ts';
import { matchScore } from './matching.ts';
import {
  findReferral,
  matchCandidates,
  openReferrals,
  referralStatus,
  referralsWithPerson,
  searchReferrals,
  type ReferralRow,
} from './queries.ts';
import { QUEUE_PAGE_SIZE, type QueueSearch } from './schema.ts';

/** A row of the intake queue: who, since when and how long (Helsinki days), from whom, what stands out. */
function queueRow(ctx: AppContext, row: ReferralRow, today: string) {
  return {
    id: row.id,
    receivedAt: isoInstant(row.received_at),
    waitedDays: daysBetween(helsinkiDate(row.received_at), today),
    status: referralStatus(row),
    source: row.source,
    name: openPersonName(ctx.cipher, row.person_id, row.name),
    nationality: row.nationality,
    officeId: row.office_id,
    acuteThreat: row.acute_threat,
    safePlace: row.safe_place,
    consent: row.consent_override_reason ? 'child_override' : 'given',
    referrerOrganisation: row.referrer_organisation_name,
  };
}

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
  return rows.map((row) => queueRow(ctx, row, today));
}

/** At most this many referrals are opened to be ordered by name (names are sealed: the database cannot order them). */
const NAME_ORDER_LIMIT = 5000;
const collator = new Intl.Collator('fi', { sensitivity: 'base' });

/**
 * One page of the intake queue as searched: filtered in the database (names through their blind
 * index), ordered by waiting time, arrival or name, 25 to a page, with how many match in all. Only
 * the rows shown are read, and the read is logged with each of them.
 */
export async function searchQueue(ctx: AppContext, who: Who, search: QueueSearch) {
  const today = helsinkiDate();
  const typed = search.name?.trim();
  const nameTerms = typed ? nameSearchTerms(ctx.keyring, typed) : null;
  const matching = () => searchReferrals(ctx.db, search, today, nameTerms);
  const { n } = await matching()
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const page = search.page ?? 1;
  const offset = (page - 1) * QUEUE_PAGE_SIZE;
  let rows: ReferralRow[];
  if (search.sort === 'name') {
    const named = await matching()
      .clearSelect()
      .select(['referrals.id', 'referrals.person_id', 'persons.name', 'referrals.received_at'])
      .orderBy('referrals.received_at')
      .limit(NAME_ORDER_LIMIT)
      .execute();
    const ids = named
      .map((row) => ({ id: row.id, name: openPersonName(ctx.cipher, row.person_id, row.name) }))
      // Referrals without a name come last, in the order they arrived.
      .sort((a, b) => (a.name === null ? (b.name === null ? 0 : 1) : b.name === null ? -1 : collator.compare(a.name, b.name)))
      .slice(offset, offset + QUEUE_PAGE_SIZE)
      .map((row) => row.id);
    const found = ids.length > 0 ? await referralsWithPerson(ctx.db).where('referrals.id', 'in', ids).execute() : [];
    rows = ids.map((id) => found.find((row) => row.id === id)!).filter(Boolean);
  } else {
    const newest = search.sort === 'newest';
    rows = await matching()
      .orderBy('referrals.received_at', newest ? 'desc' : 'asc')
      .orderBy('referrals.id')
      .offset(offset)
      .limit(QUEUE_PAGE_SIZE)
      .execute();
  }
  await auditListRead(
    ctx.db,
    ctx,
    who,
    'referrals.queue',
    rows.map((row) => row.person_id),
  );
  return { total, page, pageSize: QUEUE_PAGE_SIZE, rows: rows.map((row) => queueRow(ctx, row, today)) };
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

/** Whether the reader may open a known person's record: a client's, as the policy grants them its identity. */
async function mayOpenRecord(ctx: AppContext, who: Who, person: { id: string; office_id: string | null; is_client: boolean }) {
  if (!person.is_client) return false;
  const { relationship, sharedGroups } = await relationshipTo(ctx.db, who.actor, person);
  return clientAccess(who.actor, relationship, sharedGroups).read.includes('identity');
}

/** Who in the register this referral's person may be, best first, with any review of each: the matching alone. */
export async function matchesOf(ctx: AppContext, row: ReferralRow) {
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
    gender: candidate.gender,
    nationality: candidate.nationality,
    languages: candidate.languages,
    isClient: Boolean(candidate.is_client),
    score: match!.score,
    reasons: match!.reasons,
    review: reviewed.get(candidate.id) ?? null,
    candidate,
  }));
}

/** The matches as the referral page shows them: each with whether this reader may open that person's record. */
async function suggestions(ctx: AppContext, who: Who, row: ReferralRow) {
  return Promise.all(
    (await matchesOf(ctx, row)).map(async ({ candidate, ...match }) => ({
      ...match,
      mayOpen: await mayOpenRecord(ctx, who, { ...candidate, is_client: Boolean(candidate.is_client) }),
    })),
  );
}

/** The known person this referral was confirmed to be, if a match was confirmed: what the page says was merged. */
async function mergedInto(ctx: AppContext, who: Who, row: ReferralRow) {
  const review = await ctx.db
    .selectFrom('match_reviews')
    .select('at')
    .where('referral_id', '=', row.id)
    .where('candidate_id', '=', row.person_id)
    .where('outcome', '=', 'confirmed')
    .executeTakeFirst();
  if (!review) return null;
  const isClient = Boolean(row.has_record);
  return {
    personId: row.person_id,
    confirmedAt: isoInstant(review.at),
    isClient,
    mayOpen: await mayOpenRecord(ctx, who, { id: row.person_id, office_id: row.office_id, is_client: isClient }),
  };
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
  const [exploitations, residence, matches, decider, merged] = await Promise.all([
    reads.has('case')
      ? ctx.db.selectFrom('exploitations').selectAll().where('person_id', '=', row.person_id).orderBy('main', 'desc').execute()
      : [],
    reads.has('immigration')
      ? ctx.db.selectFrom('residence_statuses').selectAll().where('person_id', '=', row.person_id).orderBy('at', 'desc').execute()
      : [],
    reads.has('identity') ? suggestions(ctx, who, row) : [],
    reads.has('case') && row.decided_by
      ? ctx.db.selectFrom('accounts').select(['display_name', 'title']).where('id', '=', row.decided_by).executeTakeFirst()
      : undefined,
    reads.has('identity') ? mergedInto(ctx, who, row) : null,
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
    warningSigns: Object.entries(intake.warningSigns ?? {}).map(([sign, answer]) => ({ sign, answer })),
    referrerContact: intake.referrerContact ?? null,
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
    merged,
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
