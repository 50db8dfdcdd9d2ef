import type { Migration } from './index.ts';

/**
 * Work-life coaching's participants, who need not be clients: a record with the minimum needed (the
 * name sealed), what the entry requirements are checked against (gender, languages and levels,
 * literacy), the person's consent to take part and with which organisations their coaching data is
 * shared (given before the record exists, so before anything is shared), the broad initial
 * assessment, and a link to a client record when they are one. Enrolments with their day, or a place
 * on the waiting list; individual guidance and psychologist meetings (notes sealed; the
 * psychologist's are health data); attendance per session; goals assessed at start and end by the
 * person and by the coach; the coach's tasks (three absences in a row, follow-ups at 3, 6 and 12
 * months) and the follow-ups' outcomes.
 */
export const coachingParticipants: Migration = {
  id: '0017_coaching_participants',
  statements: [
    `create table coaching_participants (
      id uuid primary key,
      name text not null check (name like 'enc1:%'),
      gender text not null,
      languages jsonb not null,
      scripts text[] not null,
      client_id uuid references persons(id),
      consent_given_on date not null,
      shared_with text[] not null,
      assessment jsonb,
      created_by uuid references accounts(id),
      created_at timestamptz not null default now()
    )`,
    `create table coaching_enrolments (
      group_id uuid not null references coaching_groups(id),
      participant_id uuid not null references coaching_participants(id),
      status text not null check (status in ('enrolled', 'waiting')),
      enrolled_on date,
      career_plan text,
      created_at timestamptz not null default now(),
      primary key (group_id, participant_id),
      check ((status = 'enrolled') = (enrolled_on is not null))
    )`,
    `create index coaching_enrolments_participant on coaching_enrolments(participant_id)`,
    `create table coaching_meetings (
      id uuid primary key,
      participant_id uuid not null references coaching_participants(id),
      kind text not null check (kind in ('guidance', 'psychologist')),
      held_on date not null,
      notes text not null check (notes like 'enc1:%'),
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now()
    )`,
    `create index coaching_meetings_participant on coaching_meetings(participant_id, kind, held_on)`,
    `create table coaching_attendance (
      session_id uuid not null references coaching_sessions(id),
      participant_id uuid not null references coaching_participants(id),
      mark text not null check (mark in ('present', 'late', 'absent', 'excused')),
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now(),
      primary key (session_id, participant_id)
    )`,
    `create table coaching_goal_scores (
      group_id uuid not null references coaching_groups(id),
      participant_id uuid not null references coaching_participants(id),
      phase text not null check (phase in ('start', 'end')),
      assessor text not null check (assessor in ('person', 'coach')),
      goal text not null,
      score integer not null check (score between 1 and 4),
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now(),
      primary key (group_id, participant_id, phase, assessor, goal)
    )`,
    `create table coaching_tasks (
      id uuid primary key,
      group_id uuid not null references coaching_groups(id),
      participant_id uuid not null references coaching_participants(id),
      kind text not null check (kind in ('absences', 'follow_up')),
      months integer check (months in (3, 6, 12)),
      due_on date not null,
      assignee_id uuid not null references accounts(id),
      done_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    `create index coaching_tasks_open on coaching_tasks(assignee_id, due_on) where done_at is null`,
    `create table coaching_follow_ups (
      group_id uuid not null references coaching_groups(id),
      participant_id uuid not null references coaching_participants(id),
      months integer not null check (months in (3, 6, 12)),
      outcome text not null check (outcome in ('work', 'studies', 'looking_for_work', 'other')),
      exploitation_sign boolean not null,
      recorded_on date not null,
      recorded_by uuid references accounts(id),
      primary key (group_id, participant_id, months)
    )`,
  ],
};
