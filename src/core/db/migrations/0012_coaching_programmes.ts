import type { Migration } from './index.ts';

type Names = { fi: string; sv: string; en: string };

/**
 * The IKUT work-life coaching model of the assistance system (2021–2022), as its description gives
 * it: 10 weeks, four half-days a week, its contents and its seven goals. The weekdays, the hours of a
 * half-day and the order of the contents week by week are a first plan for coaches to edit: the
 * description does not fix them.
 */
const contentTypes: Array<{ key: string; names: Names }> = [
  {
    key: 'initial_assessment',
    names: { fi: 'Laaja alkukartoitus', sv: 'Omfattande inledande kartläggning', en: 'Broad initial assessment' },
  },
  { key: 'finnish', names: { fi: 'Suomen kielen opetus', sv: 'Undervisning i finska', en: 'Finnish teaching' } },
  { key: 'it', names: { fi: 'Tietotekniikan opetus', sv: 'Undervisning i IT', en: 'IT teaching' } },
  { key: 'everyday_skills', names: { fi: 'Arjenhallintataidot', sv: 'Vardagsfärdigheter', en: 'Everyday-life skills' } },
  { key: 'individual_guidance', names: { fi: 'Yksilöohjaus', sv: 'Individuell handledning', en: 'Individual guidance' } },
  { key: 'psychologist', names: { fi: 'Psykologin tapaamiset', sv: 'Möten med psykolog', en: 'Psychologist meetings' } },
  {
    key: 'working_life',
    names: {
      fi: 'Työelämä- ja yhteiskuntatietous',
      sv: 'Kunskap om arbetslivet och samhället',
      en: 'Working-life and society knowledge',
    },
  },
  { key: 'visit', names: { fi: 'Yritys- ja oppilaitosvierailu', sv: 'Företags- och läroanstaltsbesök', en: 'Company or school visit' } },
  { key: 'job_search', names: { fi: 'Työnhakutaidot', sv: 'Färdigheter i jobbsökning', en: 'Job-search skills' } },
  {
    key: 'career_plans',
    names: { fi: 'Ura- ja koulutussuunnitelmat', sv: 'Karriär- och utbildningsplaner', en: 'Career and study plans' },
  },
];

const goals: Array<{ key: string; names: Names }> = [
  {
    key: 'rights_at_work',
    names: { fi: 'Tietoisuus oikeuksista työelämässä', sv: 'Kännedom om rättigheterna i arbetslivet', en: 'Awareness of rights at work' },
  },
  { key: 'finnish', names: { fi: 'Suomen kielen taito', sv: 'Kunskaper i finska', en: 'Finnish' } },
  { key: 'it_skills', names: { fi: 'Tietotekniikan osaaminen', sv: 'IT-kunskaper', en: 'IT skills' } },
  { key: 'job_search', names: { fi: 'Työnhakutaidot', sv: 'Färdigheter i jobbsökning', en: 'Job-search skills' } },
  {
    key: 'self_confidence',
    names: { fi: 'Itseluottamus ja omanarvontunto', sv: 'Självförtroende och självkänsla', en: 'Self-confidence and self-worth' },
  },
  {
    key: 'psychosocial_support',
    names: { fi: 'Yksilöllinen psykososiaalinen tuki', sv: 'Individuellt psykosocialt stöd', en: 'Individual psychosocial support' },
  },
  {
    key: 'career_study_plans',
    names: { fi: 'Ura- ja opintosuunnitelmat', sv: 'Karriär- och studieplaner', en: 'Career and study plans' },
  },
];

/** Four half-days a week for ten weeks: assessment first, the career plan last, Finnish and IT every week. */
const plan = [
  ['initial_assessment', 'initial_assessment', 'finnish', 'it'],
  ['finnish', 'it', 'everyday_skills', 'individual_guidance'],
  ['finnish', 'it', 'working_life', 'psychologist'],
  ['finnish', 'it', 'working_life', 'visit'],
  ['finnish', 'it', 'everyday_skills', 'individual_guidance'],
  ['finnish', 'it', 'job_search', 'psychologist'],
  ['finnish', 'it', 'working_life', 'visit'],
  ['finnish', 'it', 'job_search', 'individual_guidance'],
  ['finnish', 'job_search', 'career_plans', 'visit'],
  ['finnish', 'career_plans', 'individual_guidance', 'career_plans'],
].flat();

const literal = (value: unknown) => `'${JSON.stringify(value).replaceAll("'", "''")}'`;
const textArray = (values: string[]) => `array[${values.map((value) => `'${value}'`).join(', ')}]::text[]`;

/**
 * Work-life coaching programmes and groups. A programme's template is versioned: a change adds a
 * version, and a group keeps the version it was made from. A group's entry requirements are data
 * (`requirements`), which enrolment checks and explains.
 */
export const coachingProgrammes: Migration = {
  id: '0012_coaching_programmes',
  statements: [
    `create table coaching_programmes (
      id text primary key,
      created_at timestamptz not null default now()
    )`,
    `create table coaching_programme_versions (
      programme_id text not null references coaching_programmes(id),
      version integer not null check (version >= 1),
      names jsonb not null,
      weeks integer not null check (weeks between 1 and 52),
      sessions_per_week integer not null check (sessions_per_week between 1 and 5),
      weekdays integer[] not null,
      session_start text not null,
      session_minutes integer not null check (session_minutes between 30 and 480),
      content_types jsonb not null,
      goals jsonb not null,
      plan text[] not null,
      created_by uuid references accounts(id),
      created_at timestamptz not null default now(),
      primary key (programme_id, version)
    )`,
    `insert into coaching_programmes (id) values ('ikut')`,
    `insert into coaching_programme_versions
      (programme_id, version, names, weeks, sessions_per_week, weekdays, session_start, session_minutes, content_types, goals, plan)
      values ('ikut', 1, ${literal({
        fi: 'IKUT-työelämävalmennus',
        sv: 'IKUT-arbetslivsträning',
        en: 'IKUT work-life coaching',
      })}, 10, 4, array[1, 2, 3, 4], '09:00', 180, ${literal(contentTypes)}, ${literal(goals)}, ${textArray(plan)})`,
    `create table coaching_groups (
      id uuid primary key,
      programme_id text not null,
      programme_version integer not null,
      name text not null,
      starts_on date not null,
      place text not null,
      teaching_languages text[] not null,
      capacity integer not null check (capacity between 1 and 100),
      requirements jsonb not null default '[]',
      created_by uuid references accounts(id),
      created_at timestamptz not null default now(),
      foreign key (programme_id, programme_version) references coaching_programme_versions(programme_id, version)
    )`,
    `create table coaching_group_coaches (
      group_id uuid not null references coaching_groups(id),
      account_id uuid not null references accounts(id),
      primary key (group_id, account_id)
    )`,
    `create index coaching_group_coaches_account on coaching_group_coaches(account_id)`,
    `create table coaching_group_partners (
      group_id uuid not null references coaching_groups(id),
      organisation_id text not null references organisations(id),
      primary key (group_id, organisation_id)
    )`,
    `create index coaching_group_partners_organisation on coaching_group_partners(organisation_id)`,
  ],
};
