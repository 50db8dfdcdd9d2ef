import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The path to work's tables (migration 0023). Sealed columns: plan content, clinical notes. */
export interface PathwayPlansTable {
  id: string;
  person_id: string;
  kind: string;
  created_at: Generated<Date>;
}

export interface PathwayPlanVersionsTable {
  id: string;
  plan_id: string;
  version: number;
  drawn_on: string;
  next_review_on: string | null;
  /** Sealed JSON: who drew the plan, with whom, and its goals. */
  content: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface PathwayPlanPartnersTable {
  version_id: string;
  organisation_id: string;
  consent_on: string;
}

export interface PathwayCheckpointsTable {
  id: string;
  person_id: string;
  kind: string;
  assessed_on: string;
  assessor: string;
  level: string;
  language: string | null;
  skills: ColumnType<Record<string, string> | null, string | null, string | null>;
  source: string | null;
  clinical_note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface PathwayDirectoryTable {
  id: string;
  organisation_id: string;
  service: string;
  name: string;
  region: string;
  languages: string[];
  how_to_refer: string;
}

export interface PathwayServicesTable {
  id: string;
  person_id: string;
  directory_id: string;
  status: string;
  proposed_on: string;
  referred_on: string | null;
  consent_on: string | null;
  shared_with_provider: string | null;
  started_on: string | null;
  ended_on: string | null;
  drop_reason: string | null;
  updated_by: string | null;
}

export interface PathwayProgressTable {
  id: string;
  person_id: string;
  read_on: string;
  scores: ColumnType<Record<string, number>, string, string>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface PathwayEmployersTable {
  id: string;
  name: string;
  engagement: string[];
  contact_persons: string;
}

export interface PathwayPlacementsTable {
  id: string;
  person_id: string;
  employer_id: string;
  kind: string;
  starts_on: string;
  ends_on: string | null;
  checked_on: string;
  checks: ColumnType<Record<string, boolean>, string, string>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

/** Which client tasks are the path to work's reminders (migration 0037): a later reading or revision closes them. */
export interface PathwayRemindersTable {
  task_id: string;
  person_id: string;
  kind: string;
  subject_id: string | null;
}

export interface PathwayTables {
  pathway_reminders: PathwayRemindersTable;
  pathway_employers: PathwayEmployersTable;
  pathway_placements: PathwayPlacementsTable;
  pathway_plans: PathwayPlansTable;
  pathway_plan_versions: PathwayPlanVersionsTable;
  pathway_plan_partners: PathwayPlanPartnersTable;
  pathway_checkpoints: PathwayCheckpointsTable;
  pathway_directory: PathwayDirectoryTable;
  pathway_services: PathwayServicesTable;
  pathway_progress: PathwayProgressTable;
}
