import type { Migration } from './index.ts';

/**
 * The path to work: client and integration plans (each change a new version, the partners named on
 * it with the date the person consented to sharing it with them), the map's checkpoints over time
 * (the clinical content of mental state sealed apart), the directory of partner services and a
 * person's pathway services, and the progress readings made with the person.
 */
export const pathway: Migration = {
  id: '0023_pathway',
  statements: [
    `create table pathway_plans (
      id uuid primary key,
      person_id uuid not null references persons(id),
      kind text not null check (kind in ('client', 'integration')),
      created_at timestamptz not null default now()
    )`,
    `create index pathway_plans_person on pathway_plans(person_id)`,
    `create table pathway_plan_versions (
      id uuid primary key,
      plan_id uuid not null references pathway_plans(id),
      version int not null check (version >= 1),
      drawn_on date not null,
      next_review_on date,
      content text not null,
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now(),
      unique (plan_id, version)
    )`,
    `create table pathway_plan_partners (
      version_id uuid not null references pathway_plan_versions(id),
      organisation_id text not null references organisations(id),
      consent_on date not null,
      primary key (version_id, organisation_id)
    )`,
    `create table pathway_checkpoints (
      id uuid primary key,
      person_id uuid not null references persons(id),
      kind text not null check (kind in ('mental_state', 'literacy', 'language')),
      assessed_on date not null,
      assessor text not null,
      level text not null,
      language text,
      skills jsonb,
      source text,
      clinical_note text,
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now(),
      check ((kind = 'language') = (language is not null and skills is not null and source is not null)),
      check (kind = 'mental_state' or clinical_note is null)
    )`,
    `create index pathway_checkpoints_person on pathway_checkpoints(person_id, kind, assessed_on)`,
    `create table pathway_directory (
      id uuid primary key,
      organisation_id text not null references organisations(id),
      service text not null,
      name text not null,
      region text not null,
      languages text[] not null,
      how_to_refer text not null
    )`,
    `create table pathway_services (
      id uuid primary key,
      person_id uuid not null references persons(id),
      directory_id uuid not null references pathway_directory(id),
      status text not null check (status in ('proposed', 'referred', 'started', 'completed', 'dropped')),
      proposed_on date not null,
      referred_on date,
      consent_on date,
      shared_with_provider text,
      started_on date,
      ended_on date,
      drop_reason text,
      updated_by uuid references accounts(id),
      check ((status = 'proposed') = (referred_on is null)),
      check (referred_on is null or consent_on is not null),
      check ((status = 'dropped') = (drop_reason is not null))
    )`,
    `create index pathway_services_person on pathway_services(person_id)`,
    `create table pathway_progress (
      id uuid primary key,
      person_id uuid not null references persons(id),
      read_on date not null,
      scores jsonb not null,
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now()
    )`,
    `create index pathway_progress_person on pathway_progress(person_id, read_on)`,
  ],
};
