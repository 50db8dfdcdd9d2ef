import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/core/db/types.ts';

/**
 * The annual tables as an analyst would write them by hand: one plain aggregate query per group
 * of tables, straight on the register, each returning (table, cell, count). The floor that the
 * report's own queries are measured against.
 */
export async function rawAnnualTables(db: Kysely<DB>, year: number): Promise<Record<string, Record<string, number>>> {
  const start = `'${year}-01-01 00:00+02'::timestamptz`;
  const end = `'${year + 1}-01-01 00:00+02'::timestamptz`;
  const last = `'${year}-12-31'::date`;
  const band = (age: string) =>
    `case when ${age} < 18 then 'under_18' when ${age} < 25 then '18_24' when ${age} < 35 then '25_34' when ${age} < 45 then '35_44' when ${age} < 55 then '45_54' when ${age} < 65 then '55_64' else '65_plus' end`;
  const age = (on: string, birth: string) => `date_part('year', age(${on}, ${birth}))`;
  const genderAge = (gender: string, minor: string) =>
    `case when ${gender} = 'female' then (case when ${minor} then 'girls' else 'women' end) when ${gender} = 'male' then (case when ${minor} then 'boys' else 'men' end) else 'other_or_unknown' end`;
  const newClients = `with nc as (
      select distinct on (r.person_id) r.person_id, (d.decided_at at time zone 'Europe/Helsinki')::date as on_date
      from decisions d join referrals r on r.id = d.referral_id
      where d.outcome = 'admitted' and d.decided_at >= ${start} and d.decided_at < ${end} order by r.person_id, d.decided_at),
    x as (select nc.*, p.gender, p.nationality, ${age('nc.on_date', 'p.birth_date')} as age, e.purpose, e.place, e.minor_at_time,
      (select status from residence_statuses s where s.person_id = nc.person_id and s.at <= nc.on_date order by s.at desc limit 1) as residence
      from nc join persons p on p.id = nc.person_id join exploitations e on e.person_id = nc.person_id and e.main)`;
  const yearEnd = `with la as (
      select distinct on (r.person_id) r.person_id, d.decided_at, (d.decided_at at time zone 'Europe/Helsinki')::date as on_date
      from decisions d join referrals r on r.id = d.referral_id where d.outcome = 'admitted' and d.decided_at < ${end} order by r.person_id, d.decided_at desc),
    c as (select la.* from la where not exists (select 1 from terminations t where t.person_id = la.person_id and t.at >= la.decided_at and t.at < ${end})),
    x as (select c.*, p.gender, p.nationality, p.birth_date, e.purpose, ${age(last, 'p.birth_date')} < 18 as minor, ${age('c.on_date', 'p.birth_date')} < 18 as admitted_minor
      from c join persons p on p.id = c.person_id join exploitations e on e.person_id = c.person_id and e.main)`;
  const queries = [
    `select 'referrals_by_source' as tbl, source as cell, count(*)::int as n from referrals where received_at >= ${start} and received_at < ${end} group by source`,
    `select 'referrals_summary' as tbl, 'referrals' as cell, count(*)::int as n from referrals where received_at >= ${start} and received_at < ${end}
     union all select 'referrals_summary', 'persons', count(distinct person_id)::int from referrals where received_at >= ${start} and received_at < ${end}`,
    `select 'decisions' as tbl, outcome as cell, count(*)::int as n from decisions where decided_at >= ${start} and decided_at < ${end} group by outcome
     union all select 'decisions', 'terminated', count(*)::int from terminations where at >= ${start} and at < ${end}
     union all select 'decisions', 'pending_at_year_end', count(*)::int from referrals r where r.received_at < ${end}
       and not exists (select 1 from decisions d where d.referral_id = r.id and d.decided_at < ${end})
       and not exists (select 1 from withdrawals w where w.referral_id = r.id and w.at < ${end})`,
    `${newClients} select 'new_clients_by_purpose' as tbl, purpose as cell, count(*)::int as n from x group by purpose
     union all select 'new_clients_by_gender_age', ${genderAge('gender', 'age < 18')}, count(*)::int from x group by 2
     union all select 'new_clients_by_age_band', ${band('age')}, count(*)::int from x group by 2
     union all select 'new_clients_by_residence', coalesce(residence, 'unknown'), count(*)::int from x group by 2
     union all select 'new_clients_by_nationality', nationality, count(*)::int from x group by 2
     union all select 'new_clients_by_purpose_place', purpose || '|' || coalesce(place, 'none'), count(*)::int from x group by 2
     union all select 'new_clients_by_purpose_gender', purpose || '|' || gender, count(*)::int from x group by 2
     union all select 'finland_new_clients_by_purpose', purpose, count(*)::int from x where place = 'finland' group by 2
     union all select 'finland_new_clients_by_gender', gender, count(*)::int from x where place = 'finland' group by 2
     union all select 'finland_new_clients_by_residence', coalesce(residence, 'unknown'), count(*)::int from x where place = 'finland' group by 2
     union all select 'finland_new_clients_by_nationality', nationality, count(*)::int from x where place = 'finland' group by 2
     union all select 'finland_new_clients_minors', 'minor_at_admission', count(*)::int from x where place = 'finland' and age < 18
     union all select 'finland_new_clients_minors', 'minor_at_exploitation', count(*)::int from x where place = 'finland' and minor_at_time
     union all select 'new_children', 'children', count(*)::int from children ch join x on x.person_id = ch.guardian_id
       where ch.from_date between '${year}-01-01' and ${last} and ${age('ch.from_date', 'ch.birth_date')} < 18`,
    `${yearEnd} select 'clients_at_year_end_by_purpose' as tbl, purpose as cell, count(*)::int as n from x group by 2
     union all select 'clients_at_year_end_by_gender_age', ${genderAge('gender', 'minor')}, count(*)::int from x group by 2
     union all select 'clients_at_year_end_by_nationality', nationality, count(*)::int from x group by 2
     union all select 'clients_at_year_end_summary', 'clients', count(*)::int from x
     union all select 'clients_at_year_end_summary', 'minors', count(*)::int from x where minor
     union all select 'clients_at_year_end_summary', 'admitted_as_minor', count(*)::int from x where admitted_minor
     union all select 'clients_at_year_end_summary', 'children', count(*)::int from children ch join x on x.person_id = ch.guardian_id
       where ch.from_date <= ${last} and ${age(last, 'ch.birth_date')} < 18`,
    `select 'reflection_periods_granted' as tbl, granted_by as cell, count(*)::int as n from reflection_periods where start_date between '${year}-01-01' and ${last} group by granted_by`,
    `select 'official_identification' as tbl, outcome as cell, count(*)::int as n from identifications where decided_at >= ${start} and decided_at < ${end} group by outcome
     union all select 'official_identification', 'ongoing_at_year_end', count(*)::int from identifications where started_at < ${end} and (decided_at is null or decided_at >= ${end})
     union all select 'official_identification', 'waiting_at_year_end', count(*)::int from identifications where requested_at < ${end} and (started_at is null or started_at >= ${end}) and (decided_at is null or decided_at >= ${end})`,
    `select 'new_clients_by_year' as tbl, y::text as cell, count(*)::int as n from (
       select distinct r.person_id, date_part('year', d.decided_at at time zone 'Europe/Helsinki') as y
       from decisions d join referrals r on r.id = d.referral_id where d.outcome = 'admitted' and d.decided_at < ${end}) a group by y`,
  ];
  const tables: Record<string, Record<string, number>> = {};
  for (const query of queries) {
    for (const row of (await sql.raw<{ tbl: string; cell: string; n: number }>(query).execute(db)).rows) {
      if (Number(row.n) !== 0) (tables[row.tbl] ??= {})[row.cell] = Number(row.n);
    }
  }
  return tables;
}
