import type { Migration } from './index.ts';

/**
 * The competence centre: consultations with the assistance system and its training events. Nothing
 * here names the person a consultation is about: only who asked, by kind of actor, and what followed.
 * An anonymous consultation from the public recognition guide waits to be answered; the
 * professional's contact, the question and the answer are sealed (crypto/protectedColumns.ts).
 */
export const competenceCentre: Migration = {
  id: '0027_competence_centre',
  statements: [
    `create table consultations (
      id uuid primary key,
      held_on date not null,
      channel text not null check (channel in ('info_line', 'email', 'chat', 'meeting', 'guide')),
      actor_type text not null,
      organisation text,
      region text,
      topic text,
      outcome text,
      duration_minutes integer check (duration_minutes between 1 and 1440),
      signs jsonb,
      question text,
      contact text,
      answer text,
      language text,
      status text not null check (status in ('waiting', 'answered')),
      recorded_by uuid references accounts(id),
      answered_by uuid references accounts(id),
      answered_at timestamptz,
      created_at timestamptz not null default now(),
      check (status = 'waiting' or (topic is not null and outcome is not null)),
      check (channel = 'guide' or status = 'answered'),
      check (question is null or question like 'enc1:%'),
      check (contact is null or contact like 'enc1:%'),
      check (answer is null or answer like 'enc1:%')
    )`,
    `create index consultations_held_on on consultations(held_on)`,
    `create index consultations_waiting on consultations(status) where status = 'waiting'`,
    `create table training_events (
      id uuid primary key,
      held_on date not null,
      topic text not null,
      region text not null,
      participants integer not null check (participants between 1 and 10000),
      audience jsonb not null,
      recorded_by uuid references accounts(id),
      created_at timestamptz not null default now()
    )`,
    `create index training_events_held_on on training_events(held_on)`,
  ],
};
