import type { Migration } from './index.ts';

/**
 * The employment study: studies with their research questions and team, and interview guides made
 * of ordered sections and questions (each with its probes and the research questions it serves).
 * A study holds no client's identity and refers to no client record.
 */
export const studies: Migration = {
  id: '0015_studies',
  statements: [
    `create table studies (
      id uuid primary key,
      title text not null,
      ethics_reference text,
      data_location text,
      retain_until date,
      status text not null check (status in ('planning', 'collecting', 'analysing', 'reporting', 'closed')),
      created_by uuid references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table study_research_questions (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      position integer not null,
      text text not null
    )`,
    `create index study_research_questions_study on study_research_questions(study_id, position)`,
    `create table study_team (
      study_id uuid not null references studies(id) on delete cascade,
      account_id uuid not null references accounts(id),
      added_at timestamptz not null default now(),
      primary key (study_id, account_id)
    )`,
    `create index study_team_account on study_team(account_id)`,
    `create table study_guides (
      id uuid primary key,
      study_id uuid not null references studies(id) on delete cascade,
      title text not null,
      language text not null check (language in ('fi', 'sv', 'en')),
      version integer not null default 1,
      updated_by uuid references accounts(id),
      updated_at timestamptz not null default now()
    )`,
    `create index study_guides_study on study_guides(study_id)`,
    `create table study_guide_sections (
      id uuid primary key,
      guide_id uuid not null references study_guides(id) on delete cascade,
      position integer not null,
      title text not null
    )`,
    `create index study_guide_sections_guide on study_guide_sections(guide_id, position)`,
    `create table study_guide_questions (
      id uuid primary key,
      section_id uuid not null references study_guide_sections(id) on delete cascade,
      position integer not null,
      text text not null,
      probes text[] not null default '{}'
    )`,
    `create index study_guide_questions_section on study_guide_questions(section_id, position)`,
    `create table study_guide_question_links (
      question_id uuid not null references study_guide_questions(id) on delete cascade,
      research_question_id uuid not null references study_research_questions(id) on delete cascade,
      primary key (question_id, research_question_id)
    )`,
  ],
};
