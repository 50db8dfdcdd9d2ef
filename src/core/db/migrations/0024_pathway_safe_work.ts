import type { Migration } from './index.ts';

/**
 * Safe work: employers engaged in the work against exploitation (how, and whom to contact), and a
 * person's placements and jobs with the fair-work check recorded with them: each point met or not.
 */
export const pathwaySafeWork: Migration = {
  id: '0024_pathway_safe_work',
  statements: [
    `create table pathway_employers (
      id uuid primary key,
      name text not null,
      engagement text[] not null,
      contact_persons text not null
    )`,
    `create table pathway_placements (
      id uuid primary key,
      person_id uuid not null references persons(id),
      employer_id uuid not null references pathway_employers(id),
      kind text not null check (kind in ('work_tryout', 'placement', 'apprenticeship', 'employment_with_subsidy', 'employment')),
      starts_on date not null,
      ends_on date,
      checked_on date not null,
      checks jsonb not null,
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now(),
      check (ends_on is null or ends_on >= starts_on)
    )`,
    `create index pathway_placements_person on pathway_placements(person_id)`,
  ],
};
