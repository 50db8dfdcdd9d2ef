import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../core/db/types.ts';

/**
 * The aggregate queries behind the annual report. Each returns counts grouped by what the tables
 * need, so the database does the counting and only a few hundred rows come back even for a million
 * clients. Dates are Helsinki dates; a year runs from midnight to midnight Helsinki time.
 */
export interface YearBounds {
  year: number;
  /** Midnight at the start of 1 January, Helsinki time (always +02:00 in January). */
  start: string;
  end: string;
  firstDay: string;
  lastDay: string;
}

export function yearBounds(year: number): YearBounds {
  return {
    year,
    start: `${year}-01-01T00:00:00+02:00`,
    end: `${year + 1}-01-01T00:00:00+02:00`,
    firstDay: `${year}-01-01`,
    lastDay: `${year}-12-31`,
  };
}

type Db = Kysely<DB>;
const helsinkiDate = (column: string) => sql.raw(`(${column} at time zone 'Europe/Helsinki')::date`);
/** Whole years of age on a date (null when the birth date is not known). */
const ageOn = (date: RawBuilder<unknown>, birth: string) => sql`date_part('year', age(${date}, ${sql.ref(birth)}))::int`;
/** The report's age bands, counted in the database so that few rows come back. */
const ageBandOn = (date: RawBuilder<unknown>, birth: string) => sql`case
  when ${sql.ref(birth)} is null then 'unknown'
  when ${ageOn(date, birth)} < 18 then 'under_18' when ${ageOn(date, birth)} < 25 then '18_24'
  when ${ageOn(date, birth)} < 35 then '25_34' when ${ageOn(date, birth)} < 45 then '35_44'
  when ${ageOn(date, birth)} < 55 then '45_54' when ${ageOn(date, birth)} < 65 then '55_64' else '65_plus' end`;
const lastDayOf = (y: YearBounds) => sql`${y.lastDay}::date`;

/** Persons admitted in the year: one row each, at their first admission of the year. */
const admittedInYear = (y: YearBounds) => sql`
  select distinct on (r.person_id) r.person_id, ${helsinkiDate('d.decided_at')} as on_date
  from decisions d join referrals r on r.id = d.referral_id
  where d.outcome = 'admitted' and d.decided_at >= ${y.start}::timestamptz and d.decided_at < ${y.end}::timestamptz
  order by r.person_id, d.decided_at`;

/**
 * A termination that still stands at the year's end: assistance reopened after it (by then) was not
 * ended. Terminations are kept when a case is reopened, as the record's history.
 */
const standing = (termination: string, y: YearBounds) =>
  sql`not exists (select 1 from reopenings o where o.person_id = ${sql.ref(`${termination}.person_id`)} and o.at >= ${sql.ref(`${termination}.at`)} and o.at < ${y.end}::timestamptz)`;

/** Clients on 31.12: their last admission by then, not followed by a termination by then that still stands. */
const clientsAtYearEnd = (y: YearBounds) => sql`
  select la.person_id, la.on_date from (
    select distinct on (r.person_id) r.person_id, d.decided_at, ${helsinkiDate('d.decided_at')} as on_date
    from decisions d join referrals r on r.id = d.referral_id
    where d.outcome = 'admitted' and d.decided_at < ${y.end}::timestamptz
    order by r.person_id, d.decided_at desc
  ) la
  where not exists (select 1 from terminations t where t.person_id = la.person_id and t.at >= la.decided_at and t.at < ${y.end}::timestamptz
    and ${standing('t', y)})`;

export interface NewClientGroup {
  purpose: string | null;
  place: string | null;
  minor_at_time: boolean | null;
  gender: string;
  nationality: string;
  band: string;
  residence: string | null;
  n: number;
}

export async function newClientGroups(db: Db, y: YearBounds): Promise<NewClientGroup[]> {
  const { rows } = await sql<NewClientGroup>`
    with admitted as (${admittedInYear(y)})
    select e.purpose, e.place, e.minor_at_time, p.gender, p.nationality, ${ageBandOn(sql.ref('a.on_date'), 'p.birth_date')} as band,
      (select rs.status from residence_statuses rs where rs.person_id = a.person_id and rs.at <= a.on_date order by rs.at desc limit 1) as residence,
      count(*)::int as n
    from admitted a
    join persons p on p.id = a.person_id
    left join exploitations e on e.person_id = a.person_id and e.main
    group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
  return rows;
}

export async function newChildren(db: Db, y: YearBounds): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with admitted as (${admittedInYear(y)})
    select count(*)::int as n from children c join admitted a on a.person_id = c.guardian_id
    where c.from_date between ${y.firstDay}::date and ${y.lastDay}::date and ${ageOn(sql.ref('c.from_date'), 'c.birth_date')} < 18`.execute(
    db,
  );
  return rows[0].n;
}

export interface YearEndGroup {
  purpose: string | null;
  gender: string;
  nationality: string;
  minor: boolean | null;
  admitted_as_minor: boolean | null;
  n: number;
}

export async function yearEndGroups(db: Db, y: YearBounds): Promise<YearEndGroup[]> {
  const { rows } = await sql<YearEndGroup>`
    with clients as (${clientsAtYearEnd(y)})
    select e.purpose, p.gender, p.nationality, ${ageOn(lastDayOf(y), 'p.birth_date')} < 18 as minor,
      ${ageOn(sql.ref('c.on_date'), 'p.birth_date')} < 18 as admitted_as_minor, count(*)::int as n
    from clients c
    join persons p on p.id = c.person_id
    left join exploitations e on e.person_id = c.person_id and e.main
    group by 1, 2, 3, 4, 5`.execute(db);
  return rows;
}

export async function yearEndChildren(db: Db, y: YearBounds): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with clients as (${clientsAtYearEnd(y)})
    select count(*)::int as n from children c join clients g on g.person_id = c.guardian_id
    where c.from_date <= ${y.lastDay}::date and ${ageOn(lastDayOf(y), 'c.birth_date')} < 18`.execute(db);
  return rows[0].n;
}

export async function referralCounts(db: Db, y: YearBounds) {
  const { rows } = await sql<{ source: string | null; referrals: number; persons: number }>`
    select source, count(*)::int as referrals, count(distinct person_id)::int as persons
    from referrals where received_at >= ${y.start}::timestamptz and received_at < ${y.end}::timestamptz
    group by grouping sets ((source), ())`.execute(db);
  return rows;
}

export async function decisionCounts(db: Db, y: YearBounds) {
  const { rows } = await sql<{ admitted: number; rejected: number; terminated: number; pending_at_year_end: number }>`
    select
      (select count(*)::int from decisions where outcome = 'admitted' and decided_at >= ${y.start}::timestamptz and decided_at < ${y.end}::timestamptz) as admitted,
      (select count(*)::int from decisions where outcome = 'rejected' and decided_at >= ${y.start}::timestamptz and decided_at < ${y.end}::timestamptz) as rejected,
      (select count(*)::int from terminations t where t.at >= ${y.start}::timestamptz and t.at < ${y.end}::timestamptz and ${standing('t', y)}) as terminated,
      (select count(*)::int from referrals r where r.received_at < ${y.end}::timestamptz
        and not exists (select 1 from decisions d where d.referral_id = r.id and d.decided_at < ${y.end}::timestamptz)
        and not exists (select 1 from withdrawals w where w.referral_id = r.id and w.at < ${y.end}::timestamptz)) as pending_at_year_end`.execute(
    db,
  );
  return rows[0];
}

export async function reflectionCounts(db: Db, y: YearBounds) {
  const { rows } = await sql<{ granted_by: string; n: number }>`
    select granted_by, count(*)::int as n from reflection_periods
    where start_date between ${y.firstDay}::date and ${y.lastDay}::date group by granted_by`.execute(db);
  return rows;
}

export async function identificationCounts(db: Db, y: YearBounds) {
  const end = sql`${y.end}::timestamptz`;
  const { rows } = await sql<{ identified: number; not_identified: number; ongoing_at_year_end: number; waiting_at_year_end: number }>`
    select
      count(*) filter (where outcome = 'identified' and decided_at >= ${y.start}::timestamptz and decided_at < ${end})::int as identified,
      count(*) filter (where outcome = 'not_identified' and decided_at >= ${y.start}::timestamptz and decided_at < ${end})::int as not_identified,
      count(*) filter (where started_at < ${end} and (decided_at is null or decided_at >= ${end}))::int as ongoing_at_year_end,
      count(*) filter (where requested_at < ${end} and (started_at is null or started_at >= ${end}) and (decided_at is null or decided_at >= ${end}))::int as waiting_at_year_end
    from identifications where requested_at < ${end}`.execute(db);
  return rows[0];
}

/** New clients (persons) per Helsinki year, from the first admission up to the year asked. */
export async function newClientsByYear(db: Db, y: YearBounds) {
  const { rows } = await sql<{ year: number; n: number }>`
    select year, count(*)::int as n from (
      select distinct r.person_id, date_part('year', d.decided_at at time zone 'Europe/Helsinki')::int as year
      from decisions d join referrals r on r.id = d.referral_id
      where d.outcome = 'admitted' and d.decided_at < ${y.end}::timestamptz
    ) admissions group by year`.execute(db);
  return rows;
}
