import type { Migration } from './index.ts';

/**
 * The employment study's participants: professionals recorded by a pseudonymous code with their
 * organisation type, role and region; their names and contact details, if kept at all, sealed in a
 * table of their own. Informed consent (which information sheet and form, when, how, its scope) and
 * withdrawals, recorded by what was removed, when and by whom, never by what it said.
 */
export const studyParticipants: Migration = {
  id: '0016_study_participants',
  statements: [
    `create table study_participants (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      code text not null,
      organisation_type text not null,
      role text,
      region text,
      withdrawn_at timestamptz,
      created_at timestamptz not null default now(),
      unique (study_id, code)
    )`,
    `create table study_participant_identities (
      id uuid primary key references study_participants(id) on delete cascade,
      name text check (name is null or name like 'enc1:%'),
      contact text check (contact is null or contact like 'enc1:%')
    )`,
    `create table study_consents (
      id uuid primary key,
      participant_id uuid not null references study_participants(id) on delete cascade,
      information_sheet_version text not null,
      form_version text not null,
      given_on date not null,
      method text not null,
      recording boolean not null,
      quotations boolean not null,
      archiving boolean not null,
      reuse boolean not null,
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now()
    )`,
    `create index study_consents_participant on study_consents(participant_id, recorded_at)`,
    `create table study_withdrawals (
      id uuid primary key,
      participant_id uuid not null references study_participants(id) on delete cascade,
      withdrawn_on date not null,
      removed jsonb not null,
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now()
    )`,
  ],
};
