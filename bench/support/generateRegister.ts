import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/core/db/types.ts';

/**
 * A large invented register written by the database itself (INSERT … SELECT over
 * generate_series), with the shapes of `polku demo-register`: referrals 2006–2024, about 62 %
 * admitted, repeat referrals, exploitation, residence changes, children, reflection periods,
 * official identification and terminations. Seeded, so every run builds the same register.
 */
export async function generateRegister(db: Kysely<DB>, clients: number): Promise<void> {
  const pick = (r: string, codes: string[], skew: number) =>
    `(array[${codes.map((c) => `'${c}'`).join(',')}])[1 + floor(power(${r}, ${skew}) * ${codes.length})::int]`;
  const statements = [
    `select setseed(0.2006)`,
    `create temp table gen as select n,
       timestamptz '2006-01-01 08:00+02' + random() * interval '19 years' as received_at,
       case when random() < 0.08 then 14 + floor(random() * 4)::int else least(78, 18 + floor(-ln(1 - random()) * 12)::int) end as age,
       random() as r_gender, random() as r_nat, random() as r_fate, random() as r_purpose, random() as r_place, random() as r_res,
       random() as r_child, random() as r_refl, random() as r_ident, random() as r_term, random() as r_source, random() as r_days,
       2 + floor(random() * 58)::int as decide_days, 60 + floor(random() * 1440)::int as term_days
     from generate_series(1, ${clients}) n`,
    `alter table gen add column decided_at timestamptz`,
    `update gen set decided_at = received_at + make_interval(days => decide_days) where received_at + make_interval(days => decide_days) < timestamptz '2025-01-01 00:00+02'`,
    `insert into persons (id, register_id, birth_date, gender, nationality)
     select md5('p' || n)::uuid, 'p' || n, (received_at - make_interval(years => age, days => floor(r_days * 364)::int))::date,
       case when r_gender < 0.55 then 'female' when r_gender < 0.98 then 'male' when r_gender < 0.99 then 'other' else 'unknown' end,
       ${pick('r_nat', ['NG', 'VN', 'IQ', 'SO', 'AF', 'UA', 'RU', 'TH', 'PH', 'CN', 'EE', 'RO', 'BG', 'MA', 'TR', 'SY', 'ER', 'CM', 'GH', 'BD', 'LK', 'NP', 'PK', 'IR', 'UZ', 'stateless', 'unknown'], 1.6)}
     from gen`,
    `insert into referrals (id, register_id, person_id, received_at, source, consent_at)
     select md5('r' || n)::uuid, 'r' || n, md5('p' || n)::uuid, received_at,
       ${pick('r_source', ['reception_centre', 'self', 'immigration_service', 'lawyer', 'victim_support', 'police', 'municipal_social_worker', 'shelter', 'ngo', 'prison', 'parish', 'border_guard', 'child_protection', 'detention_unit', 'health_care', 'employment_office', 'other'], 1.8)},
       received_at - interval '10 minutes'
     from gen`,
    `insert into decisions (id, register_id, referral_id, decided_at, outcome)
     select md5('d' || n)::uuid, 'd' || n, md5('r' || n)::uuid, decided_at, case when r_fate < 0.62 then 'admitted' else 'rejected' end
     from gen where r_fate < 0.89 and decided_at is not null`,
    `insert into withdrawals (referral_id, at) select md5('r' || n)::uuid, decided_at from gen where r_fate >= 0.89 and r_fate < 0.92 and decided_at is not null`,
    // A second referral of the same person, later, rejected when decided.
    `insert into referrals (id, register_id, person_id, received_at, source, consent_at)
     select md5('r2-' || n)::uuid, 'r2-' || n, md5('p' || n)::uuid, received_at + make_interval(days => 30 + floor(r_days * 370)::int), 'self', received_at + make_interval(days => 30 + floor(r_days * 370)::int)
     from gen where r_child < 0.08 and received_at + make_interval(days => 30 + floor(r_days * 370)::int) < timestamptz '2025-01-01 00:00+02'`,
    `insert into decisions (id, register_id, referral_id, decided_at, outcome)
     select md5('d2-' || n)::uuid, 'd2-' || n, md5('r2-' || n)::uuid, received_at + make_interval(days => 40 + floor(r_days * 370)::int), 'rejected'
     from gen where r_child < 0.08 and received_at + make_interval(days => 40 + floor(r_days * 370)::int) < timestamptz '2025-01-01 00:00+02'`,
    `delete from gen where not (r_fate < 0.62 and decided_at is not null)`,
    `insert into exploitations (person_id, purpose, place, main, minor_at_time)
     select md5('p' || n)::uuid, purpose, case when purpose = 'witness' then null when r_place < 0.6 then 'finland' else 'abroad' end, true, age < 18 or r_place < 0.03
     from (select *, case when r_purpose < 0.52 then 'forced_labour' when r_purpose < 0.76 then 'sexual_exploitation' when r_purpose < 0.81 then 'forced_criminality'
       when r_purpose < 0.87 then 'forced_marriage' when r_purpose < 0.9 then 'benefit_fraud' when r_purpose < 0.91 then 'forced_begging' when r_purpose < 0.914 then 'organ_trafficking'
       when r_purpose < 0.918 then 'child_soldier' when r_purpose < 0.946 then 'other' else 'witness' end as purpose from gen) g`,
    `insert into residence_statuses (person_id, status, at)
     select md5('p' || n)::uuid, case when r_res < 0.45 then 'asylum_seeker' when r_res < 0.75 then 'residence_permit' when r_res < 0.87 then 'unlawful_stay'
       when r_res < 0.9 then 'finnish_citizen' when r_res < 0.94 then 'visa_exempt' else 'eu_citizen' end, (received_at - make_interval(days => 10 + floor(r_days * 390)::int))::date
     from gen`,
    `insert into residence_statuses (person_id, status, at)
     select md5('p' || n)::uuid, 'residence_permit', (decided_at + make_interval(days => 30 + floor(r_term * 3000)::int))::date from gen where r_term < 0.15`,
    `insert into children (id, register_id, guardian_id, birth_date, from_date)
     select md5('c' || n)::uuid, 'c' || n, md5('p' || n)::uuid, (decided_at - make_interval(days => 30 + floor(r_days * 6000)::int))::date, (decided_at at time zone 'Europe/Helsinki')::date
     from gen where r_child >= 0.08 and r_child < 0.28`,
    `insert into reflection_periods (person_id, granted_by, start_date, end_date)
     select md5('p' || n)::uuid, case when r_refl < 0.03 then 'police' else 'assistance_system' end, d, (d + make_interval(months => 3 + floor(r_refl * 8)::int))::date
     from (select *, (decided_at at time zone 'Europe/Helsinki')::date as d from gen) g where r_res >= 0.75 and r_res < 0.87 and r_refl < 0.5`,
    `insert into identifications (person_id, requested_at, started_at, decided_at, outcome)
     select md5('p' || n)::uuid, req, case when st < e then st end, case when st < e and dec < e then dec end, case when st < e and dec < e then (case when r_ident < 0.11 then 'identified' else 'not_identified' end) end
     from (select *, decided_at + make_interval(days => 10 + floor(r_days * 190)::int) as req, decided_at + make_interval(days => 40 + floor(r_days * 490)::int) as st,
       decided_at + make_interval(days => 60 + floor(r_days * 610)::int) as dec, timestamptz '2025-01-01 00:00+02' as e from gen) g where r_ident < 0.12`,
    `insert into terminations (person_id, at, reason)
     select md5('p' || n)::uuid, decided_at + make_interval(days => term_days), 'no_longer_needed' from gen
     where r_term < 0.6 and decided_at + make_interval(days => term_days) < timestamptz '2025-01-01 00:00+02'`,
    `drop table gen`,
  ];
  await db.connection().execute(async (connection) => {
    for (const statement of statements) await sql.raw(statement).execute(connection);
  });
  await sql.raw('analyze').execute(db);
}
