import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import type { ExchangeProblem } from './validateExchangeFile.ts';
import { letOthersIn } from './letOthersIn.ts';
import { stagingTableOf } from './registerLines.ts';
import type { Found } from './lineBatches.ts';

// The lines of an exchange file checked together (checkAcrossLines in validateExchangeFile.ts: the
// same rules, problems and details), here in SQL over the staged lines, so an import keeps none of
// a file's lines in memory however large it is. Each statement returns the problems with the place
// of their rule in checkAcrossLines (`rank`), so two problems of one line come in the same order.

/**
 * Every problem of the staged lines of one import taken together, with those `within` their lines
 * found while reading, by line.
 */
export async function problemsAcrossStagedLines(db: Database, importId: string, within: Found[]): Promise<ExchangeProblem[]> {
  // The staged lines of one type: their line number and fields, the fields named as in the file.
  const lines = (type: string) => sql`(select * from ${sql.table(stagingTableOf(type))} where import_id = ${importId})`;
  const persons = sql`file_persons as (select distinct id from ${lines('person')} p)`;
  const known = (field: string) => sql`exists (select 1 from file_persons p where p.id = x.${sql.ref(field)})`;
  const unknownPerson = (type: string, rank: number) =>
    sql`select line, ${sql.lit(rank)} as rank, 'unknown_person' as code, json_build_object('field', 'personId', 'id', "personId") as params
      from ${lines(type)} x where not ${known('personId')}`;
  const duplicates = (type: string) =>
    sql`select line, 0, 'duplicate_id', json_build_object('type', ${sql.lit(type)}, 'id', id, 'first', first)
      from (select line, id, min(line) over (partition by id) as first from ${lines(type)} x) d where line > first`;
  // Exploitations of persons of the file; their place, and one main exploitation per client.
  const exploitations = sql`(select * from ${lines('exploitation')} x where ${known('personId')})`;
  const mains = sql`(select line, "personId", min(line) over (partition by "personId") as first from ${exploitations} e where main)`;

  const first: RawBuilder<unknown>[] = [
    ...['person', 'referral', 'decision', 'child'].map(duplicates),
    unknownPerson('referral', 1),
    unknownPerson('exploitation', 6),
    sql`select line, 7, case when purpose = 'witness' then 'witness_has_place' else 'place_missing' end, '{}'::json
      from ${exploitations} e where (purpose = 'witness') <> (place is null)`,
    sql`select line, 8, 'second_main_exploitation', json_build_object('id', "personId", 'first', first) from ${mains} m where line > first`,
    unknownPerson('residence', 10),
    unknownPerson('reflection_period', 13),
    unknownPerson('identification', 15),
  ];

  // A referral is its first line; each is closed once, by the first of its decisions, else of its
  // withdrawals; a person is a client from their earliest admission.
  const closings = sql`
    referrals as (select distinct on (id) id, "personId" as person_id, "receivedAt"::timestamptz as received_at
      from ${lines('referral')} r order by id, line),
    closings as (select line, 0 as kind, "referralId" as referral_id, "decidedAt"::timestamptz as at, outcome = 'admitted' as admitted
      from ${lines('decision')} d
      union all select line, 1, "referralId", at::timestamptz, false from ${lines('withdrawal')} w),
    closed as (select c.*, r.person_id, r.received_at, row_number() over w as nth, first_value(c.line) over w as first
      from closings c join referrals r on r.id = c.referral_id window w as (partition by c.referral_id order by c.kind, c.line)),
    admissions as (select distinct on (person_id) person_id, at, line from closed where nth = 1 and admitted order by person_id, at, line),
    with_main as (select distinct "personId" as person_id from ${mains} m)`;
  const second: RawBuilder<unknown>[] = [
    sql`select line, 3, 'unknown_referral', json_build_object('id', referral_id) from closings c
      where not exists (select 1 from referrals r where r.id = c.referral_id)`,
    sql`select line, 4, 'referral_already_closed', json_build_object('id', referral_id, 'first', first) from closed where nth > 1`,
    sql`select line, 5, 'before_referral', '{}'::json from closed where nth = 1 and at < received_at`,
    sql`select line, 9, 'client_without_main_exploitation', json_build_object('id', person_id) from admissions a
      where not exists (select 1 from with_main m where m.person_id = a.person_id)`,
    sql`select x.line, 11, case when p.id is null then 'unknown_person' else 'guardian_not_client' end,
        case when p.id is null then json_build_object('field', 'guardianId', 'id', "guardianId") else json_build_object('id', "guardianId") end
      from ${lines('child')} x left join file_persons p on p.id = "guardianId" left join admissions a on a.person_id = "guardianId"
      where p.id is null or a.person_id is null`,
    sql`select x.line, 12, case when p.id is null then 'unknown_person' when a.person_id is null then 'not_a_client' else 'before_admission' end,
        case when p.id is null then json_build_object('field', 'personId', 'id', "personId")
          when a.person_id is null then json_build_object('id', "personId") else '{}'::json end
      from ${lines('termination')} x left join file_persons p on p.id = "personId" left join admissions a on a.person_id = "personId"
      where p.id is null or a.person_id is null or x.at::timestamptz < a.at`,
  ];

  const found: Found[] = [...within];
  const check = async (ctes: RawBuilder<unknown>, checks: RawBuilder<unknown>[]) => {
    const query = sql<Found>`with ${ctes} select * from (${sql.join(checks, sql` union all `)}) as found(line, rank, code, params)`;
    found.push(...(await query.execute(db)).rows);
    await letOthersIn();
  };
  // On a PostgreSQL server the two run side by side, each on a connection of its own.
  await Promise.all([check(persons, first), check(sql`${persons}, ${closings}`, second)]);
  return found.sort((a, b) => a.line - b.line || a.rank - b.rank).map(({ line, code, params }) => ({ line, code, params }));
}
