import { sql } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import { hasAdmission } from '../../core/record/persons.ts';
import { personsNamed, personsWithAnyTerm } from '../../core/record/personNames.ts';
import type { QueueSearch } from './schema.ts';

/** A referral with its person, decision and withdrawal: everything the queue and the referral page show. */
export function referralsWithPerson(db: Database) {
  return (
    db
      .selectFrom('referrals')
      .innerJoin('persons', 'persons.id', 'referrals.person_id')
      .leftJoin('decisions', 'decisions.referral_id', 'referrals.id')
      .leftJoin('withdrawals', 'withdrawals.referral_id', 'referrals.id')
      .leftJoin('organisations', 'organisations.id', 'referrals.referrer_organisation_id')
      .selectAll('referrals')
      .select([
        'persons.name',
        'persons.birth_date',
        'persons.birth_date_estimated',
        'persons.gender',
        'persons.nationality',
        'persons.languages',
        'persons.interpreter_needed',
        'persons.office_id',
        'persons.contact',
        'persons.whereabouts',
        'decisions.outcome',
        'decisions.decided_at',
        'decisions.decided_by',
        'decisions.reasons',
        'decisions.letter_language',
        'decisions.id as decision_id',
        'withdrawals.at as withdrawn_at',
        'organisations.name as referrer_organisation_name',
      ])
      // Once admitted the person has a record, and their referrals are part of it.
      .select(hasAdmission.as('has_record'))
  );
}

export const openReferrals = (db: Database) =>
  referralsWithPerson(db)
    .where('decisions.id', 'is', null)
    .where('withdrawals.referral_id', 'is', null)
    .orderBy('referrals.received_at')
    .limit(1000);

/**
 * The referrals a queue search asks for: by state (open unless another is asked), office (`none`: not
 * yet placed), source, age on `today` (under 18, adult, birth date unknown), acute threat, and name
 * through the blind index (`nameTerms`: every word's sound key, so spellings and scripts meet).
 */
export function searchReferrals(db: Database, search: QueueSearch, today: string, nameTerms: string[] | null) {
  let query = referralsWithPerson(db);
  const state = search.state ?? 'open';
  if (state === 'withdrawn') query = query.where('withdrawals.referral_id', 'is not', null);
  else {
    query = query.where('withdrawals.referral_id', 'is', null);
    query = state === 'open' ? query.where('decisions.id', 'is', null) : query.where('decisions.outcome', '=', state);
  }
  if (search.officeId === 'none') query = query.where('persons.office_id', 'is', null);
  else if (search.officeId) query = query.where('persons.office_id', '=', search.officeId);
  if (search.source) query = query.where('referrals.source', '=', search.source);
  if (search.acuteThreat !== undefined) query = query.where('referrals.acute_threat', search.acuteThreat ? '=' : 'is not', true);
  // Under 18 today: born after the day eighteen years ago.
  const adultsBornBy = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
  if (search.age === 'unknown') query = query.where('persons.birth_date', 'is', null);
  else if (search.age === 'child') query = query.where('persons.birth_date', '>', adultsBornBy);
  else if (search.age === 'adult') query = query.where('persons.birth_date', '<=', adultsBornBy);
  if (nameTerms) query = query.where('persons.id', 'in', personsNamed(db, nameTerms));
  return query;
}

export const findReferral = (db: Database, id: string) => referralsWithPerson(db).where('referrals.id', '=', id).executeTakeFirst();

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

export function referralStatus(row: { outcome: string | null; withdrawn_at: unknown }): 'open' | 'admitted' | 'rejected' | 'withdrawn' {
  if (row.withdrawn_at) return 'withdrawn';
  return (row.outcome as 'admitted' | 'rejected' | null) ?? 'open';
}

/**
 * Persons who might be the referred one: prefiltered in the database by a shared form of the name
 * (the blind index terms of the referred name) and by nationality or a birth year close by, then
 * opened and scored by name in `matching.ts`.
 */
export function matchCandidates(db: Database, person: { id: string; nationality: string; birth_date: string | null; nameTerms: string[] }) {
  const year = person.birth_date ? Number(person.birth_date.slice(0, 4)) : null;
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'birth_date', 'birth_date_estimated', 'gender', 'nationality', 'languages', 'office_id'])
    .select(hasAdmission.as('is_client'))
    .where('id', '!=', person.id)
    .where('name', 'is not', null)
    .where('id', 'in', personsWithAnyTerm(db, person.nameTerms))
    .where((eb) =>
      eb.or([
        eb('nationality', '=', person.nationality),
        ...(year
          ? [
              eb.and([
                eb(sql<number>`extract(year from birth_date)`, '>=', year - 1),
                eb(sql<number>`extract(year from birth_date)`, '<=', year + 1),
              ]),
            ]
          : []),
      ]),
    )
    .limit(20_000)
    .execute();
}
