import type { Migration } from './index.ts';

/**
 * The daily path of a case: intake with consent, matching, decisions with reasons, the client record
 * (services, notes, tasks, documents), reflection periods and the expert group of official
 * identification. Columns added to register tables are optional, so imported registers stay valid.
 */
export const casePath: Migration = {
  id: '0004_case_path',
  statements: [
    `alter table accounts add column decides_admissions boolean not null default false`,
    `alter table persons add column birth_date_estimated boolean not null default false`,
    `alter table persons add column languages text[] not null default '{}'`,
    `alter table persons add column interpreter_needed boolean not null default false`,
    `alter table referrals add column referrer_account_id uuid references accounts(id)`,
    `alter table referrals add column referrer_organisation_id text references organisations(id)`,
    `alter table referrals add column referrer_name text`,
    `alter table referrals add column consent_given_by text`,
    `alter table referrals add column consent_method text`,
    `alter table referrals add column consent_interpreter text`,
    `alter table referrals add column consent_override_reason text`,
    `alter table referrals add column safe_place boolean`,
    `alter table referrals add column acute_threat boolean`,
    // Encrypted JSON: what happened in the person's words, children in their care, the reply channel.
    `alter table referrals add column intake text`,
    `alter table decisions add column reasons text`,
    `alter table decisions add column decided_by uuid references accounts(id)`,
    `alter table decisions add column letter_language text`,
    `alter table withdrawals add column recorded_by uuid references accounts(id)`,
    `alter table exploitations add column sector text`,
    `alter table exploitations add column means_of_control text[] not null default '{}'`,
    `alter table exploitations add column recruitment text`,
    `alter table terminations add column recorded_by uuid references accounts(id)`,
    `alter table reflection_periods add column granted_end_date date`,
    `alter table reflection_periods add column interrupted_on date`,
    `alter table reflection_periods add column recorded_by uuid references accounts(id)`,
    `alter table identifications add column meeting_date date`,
    `alter table identifications add column requested_by uuid references accounts(id)`,
    `alter table identifications add column decided_by uuid references accounts(id)`,
    `alter table identifications add column client_told_at timestamptz`,
    `create table identification_experts (
      id uuid primary key,
      person_id uuid not null,
      requested_at timestamptz not null,
      authority text not null,
      member_name text not null,
      statement text,
      stated_at timestamptz,
      foreign key (person_id, requested_at) references identifications(person_id, requested_at)
    )`,
    `create table match_reviews (
      referral_id uuid not null references referrals(id),
      candidate_id uuid not null references persons(id),
      outcome text not null,
      reviewed_by uuid not null references accounts(id),
      at timestamptz not null,
      primary key (referral_id, candidate_id)
    )`,
    `create table client_services (
      id uuid primary key,
      person_id uuid not null references persons(id),
      service text not null,
      requested_on date not null,
      arranged_on date,
      ended_on date,
      provider text,
      recorded_by uuid references accounts(id)
    )`,
    `create index client_services_person on client_services(person_id)`,
    `create table client_notes (
      id uuid primary key,
      person_id uuid not null references persons(id),
      author_id uuid references accounts(id),
      at timestamptz not null,
      sensitivity text not null,
      body text not null
    )`,
    `create index client_notes_person on client_notes(person_id)`,
    `create table client_tasks (
      id uuid primary key,
      person_id uuid not null references persons(id),
      title text not null,
      due_on date not null,
      assignee_id uuid not null references accounts(id),
      created_by uuid references accounts(id),
      done_at timestamptz
    )`,
    `create index client_tasks_open on client_tasks(assignee_id, due_on) where done_at is null`,
    `create table client_documents (
      id uuid primary key,
      person_id uuid not null references persons(id),
      file_name text not null,
      media_type text not null,
      size integer not null,
      content text not null,
      uploaded_by uuid references accounts(id),
      at timestamptz not null
    )`,
    `create index client_documents_person on client_documents(person_id)`,
    `create index reflection_periods_end on reflection_periods(end_date)`,
    `create index identifications_open on identifications(requested_at) where decided_at is null`,
  ],
};
