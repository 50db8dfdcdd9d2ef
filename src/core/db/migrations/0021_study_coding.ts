import type { Migration } from './index.ts';

/**
 * Coding the employment study's transcripts: a codebook of hierarchical codes (a top-level theme may
 * answer a research question), coders (a team member, or a user named in a project imported from
 * another tool), segments of a transcript (a coder's selection, in code points, end exclusive) with
 * one or more codes, and memos on codes, segments and transcripts, sealed like other protected text.
 * A segment may be marked as a quotation for the report.
 */
export const studyCoding: Migration = {
  id: '0021_study_coding',
  statements: [
    `create table study_codes (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      parent_id uuid references study_codes(id) on delete cascade,
      position integer not null,
      name text not null,
      description text,
      color text not null check (color ~ '^#[0-9a-f]{6}$'),
      research_question_id uuid references study_research_questions(id) on delete set null,
      created_at timestamptz not null default now(),
      check (parent_id is null or research_question_id is null)
    )`,
    `create index study_codes_study on study_codes(study_id, parent_id, position)`,
    `create table study_coders (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      account_id uuid references accounts(id),
      name text not null,
      unique (study_id, account_id)
    )`,
    `create table study_segments (
      id uuid primary key,
      transcript_id uuid not null references study_transcripts(id) on delete cascade,
      coder_id uuid not null references study_coders(id) on delete cascade,
      start_position integer not null check (start_position >= 0),
      end_position integer not null check (end_position > start_position),
      quotation boolean not null default false,
      created_at timestamptz not null default now()
    )`,
    `create index study_segments_transcript on study_segments(transcript_id, start_position)`,
    `create table study_segment_codes (
      segment_id uuid not null references study_segments(id) on delete cascade,
      code_id uuid not null references study_codes(id) on delete cascade,
      primary key (segment_id, code_id)
    )`,
    `create index study_segment_codes_code on study_segment_codes(code_id)`,
    `create table study_memos (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      code_id uuid references study_codes(id) on delete cascade,
      segment_id uuid references study_segments(id) on delete cascade,
      transcript_id uuid references study_transcripts(id) on delete cascade,
      body text not null check (body like 'enc1:%'),
      written_by uuid references accounts(id),
      updated_at timestamptz not null default now(),
      check (num_nonnulls(code_id, segment_id, transcript_id) = 1)
    )`,
    `create unique index study_memos_code on study_memos(code_id) where code_id is not null`,
    `create unique index study_memos_segment on study_memos(segment_id) where segment_id is not null`,
    `create unique index study_memos_transcript on study_memos(transcript_id) where transcript_id is not null`,
  ],
};
