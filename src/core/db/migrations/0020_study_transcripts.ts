import type { Migration } from './index.ts';

/**
 * The employment study's interviews and transcripts. An interview is held with a participant (date,
 * mode, interviewer, length, the guide version used); its transcript is UTF-8 text sealed at rest,
 * pseudonymised before it was saved, and divided into sections by the guide question they answer.
 * Positions are counted in Unicode code points, as REFI-QDA counts them. The study's own list of
 * names replaced by codes is sealed too: it holds real names.
 */
export const studyTranscripts: Migration = {
  id: '0020_study_transcripts',
  statements: [
    `create table study_interviews (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      participant_id uuid not null references study_participants(id) on delete cascade,
      held_on date not null,
      mode text not null check (mode in ('in_person', 'video', 'phone')),
      interviewer_id uuid references accounts(id),
      length_minutes integer check (length_minutes is null or length_minutes between 1 and 1440),
      guide_id uuid references study_guides(id) on delete set null,
      guide_version integer,
      created_by uuid references accounts(id),
      created_at timestamptz not null default now()
    )`,
    `create index study_interviews_study on study_interviews(study_id, held_on)`,
    `create table study_transcripts (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      interview_id uuid references study_interviews(id) on delete cascade,
      participant_id uuid references study_participants(id) on delete cascade,
      name text not null,
      content text not null check (content like 'enc1:%'),
      length integer not null check (length >= 0),
      imported_from text not null check (imported_from in ('txt', 'docx', 'qdpx')),
      replacements integer not null default 0,
      created_by uuid references accounts(id),
      created_at timestamptz not null default now()
    )`,
    `create index study_transcripts_study on study_transcripts(study_id)`,
    `create index study_transcripts_participant on study_transcripts(participant_id)`,
    `create table study_transcript_sections (
      id uuid primary key,
      transcript_id uuid not null references study_transcripts(id) on delete cascade,
      question_id uuid not null references study_guide_questions(id) on delete cascade,
      start_position integer not null check (start_position >= 0),
      end_position integer not null check (end_position > start_position)
    )`,
    `create index study_transcript_sections_transcript on study_transcript_sections(transcript_id, start_position)`,
    `create index study_transcript_sections_question on study_transcript_sections(question_id)`,
    `create table study_pseudonyms (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      kind text not null check (kind in ('person', 'organisation', 'place', 'contact')),
      term text not null check (term like 'enc1:%'),
      replacement text not null,
      created_at timestamptz not null default now()
    )`,
    `create index study_pseudonyms_study on study_pseudonyms(study_id)`,
  ],
};
