import type { ColumnType, Generated, Selectable } from 'kysely';
import type { StudyTables } from './studyTypes.ts';
import type { CompetenceTables } from './competenceTypes.ts';
import type { PathwayTables } from './pathwayTypes.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OfficesTable {
  id: string;
  name: string;
}
export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
}

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  title: string | null;
  office_id: string | null;
  organisation_id: string | null;
  language: Generated<string>;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  recovery_codes: Generated<string[]>;
  failed_attempts: Generated<number>;
  /** Failed logins (passwords and codes) since the last login, told to the owner at the next one. */
  failed_logins: Generated<number>;
  last_failed_login_at: Timestamp | null;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  /** A designated official who may decide admissions, besides the director. */
  decides_admissions: Generated<boolean>;
  created_at: Generated<Date>;
  /** A new account whose access to client data waits for a director's confirmation: it cannot log in yet. */
  awaits_confirmation: Generated<boolean>;
  /** Created by an administrator with a one-time password: the person sets their own before anything else. */
  must_change_password: Generated<boolean>;
}

/** A change to an account's access asked by an administrator and decided by a director. */
export interface AccountGrantsTable {
  id: string;
  account_id: string;
  role: string;
  office_id: string | null;
  organisation_id: string | null;
  decides_admissions: boolean;
  /** The account was created with this grant and has had no access before it. */
  new_account: boolean;
  requested_by: string | null;
  requested_at: Timestamp;
  /** `pending`, `confirmed`, `refused`, or `replaced` by a newer change to the same account. */
  status: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  stage: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  /** The account's failed logins between the previous login and this one. */
  failed_logins_before: Generated<number>;
  last_failed_login_before: Timestamp | null;
}

export interface LoginAddressFailuresTable {
  username: string;
  address: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
  last_success_at: Timestamp | null;
}

export interface LoginUsernameFailuresTable {
  username: string;
  failures: number;
  window_start: Timestamp;
  next_attempt_at: Timestamp | null;
}

export interface DataKeysTable {
  id: string;
  master_key_id: string;
  wrapped_key: string;
  created_at: Generated<Date>;
  retired_at: Timestamp | null;
}

/** Everyone known to the register: referred persons, who become clients when admitted. */
export interface PersonsTable {
  id: string;
  /** The person's id in the exchange format: an imported register's own id, or Polku's id. */
  register_id: string;
  office_id: string | null;
  /** Encrypted (field crypto): the name or alias; found through `person_name_terms`. */
  name: string | null;
  birth_date: ColumnType<string | null, string | null, string | null>;
  gender: string;
  nationality: string;
  /** Encrypted (field crypto): safe contact channel and times. */
  contact: string | null;
  /** Encrypted (field crypto): where the person stays. */
  whereabouts: string | null;
  birth_date_estimated: Generated<boolean>;
  languages: Generated<string[]>;
  interpreter_needed: Generated<boolean>;
  created_at: Generated<Date>;
}

/** Blind index of persons' names: keyed terms of each name's normalised forms (`clients/personNames.ts`). */
export interface PersonNameTermsTable {
  person_id: string;
  term: string;
}
export interface ClientAssignmentsTable {
  client_id: string;
  account_id: string;
}
export interface ClientSharesTable {
  client_id: string;
  organisation_id: string;
  field_groups: string[];
  consent_given_by: string | null;
  consent_method: string | null;
  consent_at: Date | null;
}

export interface AddressAttemptsTable {
  purpose: string;
  address_key: string;
  window_start: Timestamp;
  attempts: number;
}

export interface ImportJobsTable {
  id: string;
  owner_id: string;
  state: string;
  done: Generated<number>;
  total: Generated<number>;
  summary: unknown;
  problems: unknown;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  alive_at: ColumnType<Date, Date | string | undefined, Date | string>;
  ended_at: Timestamp | null;
}

export interface DigestSendsTable {
  day: CalendarDate;
  account_id: string;
  claimed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AuditLogTable {
  /** The order entries were written in; the chain's order is seq, given when the entry is linked. */
  entry_id: ColumnType<number, never, never>;
  seq: number | null;
  at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
  client_id: string | null;
  field_groups: Generated<string[]>;
  reason: string | null;
  ip: string | null;
  details: unknown;
  prev_hash: string | null;
  hash: string | null;
}

type CalendarDate = ColumnType<string, string, string>;

type OptionalDate = ColumnType<string | null, string | null | undefined, string | null>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ReferralsTable {
  id: Generated<string>;
  register_id: string;
  person_id: string;
  received_at: Timestamp;
  source: string;
  consent_at: Timestamp;
  referrer_account_id: Optional<string>;
  referrer_organisation_id: Optional<string>;
  /** Encrypted: the referrer's name as given. */
  referrer_name: Optional<string>;
  consent_given_by: Optional<string>;
  consent_method: Optional<string>;
  consent_interpreter: Optional<string>;
  /** Encrypted: why a child's referral was made without consent. */
  consent_override_reason: Optional<string>;
  safe_place: Optional<boolean>;
  acute_threat: Optional<boolean>;
  /** Encrypted JSON (`ReferralIntake`): the account of what happened, children, the reply channel. */
  intake: Optional<string>;
}
export interface DecisionsTable {
  id: Generated<string>;
  register_id: string;
  referral_id: string;
  decided_at: Timestamp;
  outcome: string;
  /** Encrypted: the reasons, as written in the decision letter. */
  reasons: Optional<string>;
  decided_by: Optional<string>;
  letter_language: Optional<string>;
  /** The diary number, e.g. IKU/2026/000123: drawn once from decision_reference_seq. */
  reference: Optional<string>;
}
export interface WithdrawalsTable {
  referral_id: string;
  at: Timestamp;
  recorded_by: Optional<string>;
}
export interface ExploitationsTable {
  person_id: string;
  purpose: string;
  place: string | null;
  main: boolean;
  minor_at_time: boolean;
  sector: Optional<string>;
  means_of_control: Generated<string[]>;
  recruitment: Optional<string>;
}
export interface ResidenceStatusesTable {
  person_id: string;
  status: string;
  at: CalendarDate;
}
export interface ChildrenTable {
  id: Generated<string>;
  register_id: string;
  guardian_id: string;
  birth_date: CalendarDate;
  from_date: CalendarDate;
}
export interface TerminationsTable {
  person_id: string;
  at: Timestamp;
  reason: string;
  recorded_by: Optional<string>;
}
/** A year's published statistics as released (migration 0029); the tables are JSON of `statistics/tables.ts`'s shape. */
export interface StatisticsReleasesTable {
  id: string;
  year: number;
  version: number;
  published_at: Generated<Date>;
  published_by: string | null;
  supersedes: string | null;
  correction_reason: string | null;
  internal_tables: unknown;
  previous_tables: unknown;
  published_tables: unknown;
}
/** `reason` is encrypted. */
export interface ReopeningsTable {
  id: string;
  person_id: string;
  at: Timestamp;
  reason: string;
  reopened_by: Optional<string>;
}
export interface ReflectionPeriodsTable {
  person_id: string;
  granted_by: string;
  start_date: CalendarDate;
  end_date: CalendarDate;
  /** The end first granted, before any extension. */
  granted_end_date: OptionalDate;
  interrupted_on: OptionalDate;
  recorded_by: Optional<string>;
}
export interface IdentificationsTable {
  person_id: string;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  decided_at: Timestamp | null;
  outcome: string | null;
  meeting_date: OptionalDate;
  requested_by: Optional<string>;
  decided_by: Optional<string>;
  client_told_at: OptionalTimestamp;
}
export interface IdentificationExpertsTable {
  id: string;
  person_id: string;
  requested_at: Timestamp;
  authority: string;
  /** Encrypted: the member's name. */
  member_name: string;
  /** Encrypted: the expert's statement. */
  statement: Optional<string>;
  stated_at: OptionalTimestamp;
}
export interface MatchReviewsTable {
  referral_id: string;
  candidate_id: string;
  outcome: string;
  reviewed_by: string;
  at: Timestamp;
}
export interface ClientServicesTable {
  id: string;
  person_id: string;
  service: string;
  requested_on: CalendarDate;
  arranged_on: OptionalDate;
  ended_on: OptionalDate;
  provider: Optional<string>;
  recorded_by: Optional<string>;
}
/** `body` is encrypted. */
export interface ClientNotesTable {
  id: string;
  person_id: string;
  author_id: Optional<string>;
  at: Timestamp;
  sensitivity: string;
  body: string;
}
/** `title` is encrypted. */
export interface ClientTasksTable {
  id: string;
  person_id: string;
  title: string;
  due_on: CalendarDate;
  assignee_id: string;
  created_by: Optional<string>;
  done_at: OptionalTimestamp;
}
/** `file_name` and `content` (base64) are encrypted. */
export interface ClientDocumentsTable {
  id: string;
  person_id: string;
  file_name: string;
  media_type: string;
  size: number;
  content: string;
  uploaded_by: Optional<string>;
  at: Timestamp;
}

/** A text in the three languages of Polku. */
export type Names = { fi: string; sv: string; en: string };
/** A content type of a programme's sessions, or one of its goals: a stable key and its names. */
export type NamedItem = { key: string; names: Names };

export interface CoachingProgrammesTable {
  id: string;
  created_at: Generated<Date>;
}
/** A programme's template, one row per version: a change adds a version. */
export interface CoachingProgrammeVersionsTable {
  programme_id: string;
  version: number;
  names: ColumnType<Names, string, string>;
  weeks: number;
  sessions_per_week: number;
  /** ISO weekdays of the sessions (1 = Monday). */
  weekdays: number[];
  /** The half-day's start, HH:MM in Helsinki. */
  session_start: string;
  session_minutes: number;
  content_types: ColumnType<NamedItem[], string, string>;
  goals: ColumnType<NamedItem[], string, string>;
  /** The content type of each session, week by week: weeks × sessions_per_week keys. */
  plan: string[];
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface CoachingGroupsTable {
  id: string;
  programme_id: string;
  programme_version: number;
  name: string;
  starts_on: CalendarDate;
  place: string;
  teaching_languages: string[];
  capacity: number;
  /** Entry requirements as data (features/coaching/requirements.ts). */
  requirements: ColumnType<unknown[], string, string>;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface CoachingGroupCoachesTable {
  group_id: string;
  account_id: string;
}
/** A half-day session of a group; `teacher` is the teacher or guest lecturer, `place` when not the group's. */
export interface CoachingSessionsTable {
  id: string;
  group_id: string;
  number: number;
  content_type: string;
  on_day: CalendarDate;
  planned_day: CalendarDate;
  starts_at: string;
  minutes: number;
  teacher: string | null;
  place: string | null;
}
export interface CoachingGroupPartnersTable {
  group_id: string;
  organisation_id: string;
}

/** A coaching participant, who need not be a client (migration 0017); `name` sealed. */
export interface CoachingParticipantsTable {
  id: string;
  name: string;
  gender: string;
  languages: ColumnType<Array<{ code: string; level: string }>, string, string>;
  scripts: string[];
  client_id: string | null;
  consent_given_on: CalendarDate;
  /** The organisations the person agreed their coaching data is shared with. */
  shared_with: string[];
  assessment: ColumnType<unknown, string | null, string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface CoachingEnrolmentsTable {
  group_id: string;
  participant_id: string;
  status: 'enrolled' | 'waiting' | 'left';
  enrolled_on: CalendarDate | null;
  /** The last day in the group of one who left (migration 0039). */
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the automatic move from the waiting list passed the person over: `{ requirement, on }`. */
  passed_over: ColumnType<unknown, string | null | undefined, string | null>;
  career_plan: string | null;
  created_at: Generated<Date>;
}
/** Why a participant left a group (migration 0039); `note` sealed. */
export interface CoachingLeavingsTable {
  id: string;
  group_id: string;
  participant_id: string;
  reason: 'work' | 'studies' | 'health' | 'moved' | 'other';
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}
/** Individual guidance (coaching data) or a psychologist's meeting (health data); `notes` sealed. */
export interface CoachingMeetingsTable {
  id: string;
  participant_id: string;
  kind: 'guidance' | 'psychologist';
  held_on: CalendarDate;
  notes: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}
export interface CoachingAttendanceTable {
  session_id: string;
  participant_id: string;
  mark: 'present' | 'late' | 'absent' | 'excused';
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}
export interface CoachingGoalScoresTable {
  group_id: string;
  participant_id: string;
  phase: 'start' | 'end';
  assessor: 'person' | 'coach';
  goal: string;
  score: number;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}
export interface CoachingTasksTable {
  id: string;
  group_id: string;
  participant_id: string;
  kind: 'absences' | 'follow_up' | 'waiting_list';
  months: number | null;
  due_on: CalendarDate;
  assignee_id: string;
  done_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface CoachingFollowUpsTable {
  group_id: string;
  participant_id: string;
  months: number;
  outcome: 'work' | 'studies' | 'looking_for_work' | 'other';
  exploitation_sign: boolean;
  recorded_on: CalendarDate;
  recorded_by: string | null;
}

/** The installation's own settings, one JSON value per key (`letter`: sender, contact, appeal authority). */
export interface InstallationSettingsTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DB extends StudyTables, CompetenceTables, PathwayTables {
  referrals: ReferralsTable;
  decisions: DecisionsTable;
  withdrawals: WithdrawalsTable;
  exploitations: ExploitationsTable;
  residence_statuses: ResidenceStatusesTable;
  children: ChildrenTable;
  terminations: TerminationsTable;
  reopenings: ReopeningsTable;
  statistics_releases: StatisticsReleasesTable;
  reflection_periods: ReflectionPeriodsTable;
  identifications: IdentificationsTable;
  identification_experts: IdentificationExpertsTable;
  match_reviews: MatchReviewsTable;
  client_services: ClientServicesTable;
  client_notes: ClientNotesTable;
  client_tasks: ClientTasksTable;
  client_documents: ClientDocumentsTable;
  offices: OfficesTable;
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  account_grants: AccountGrantsTable;
  sessions: SessionsTable;
  login_address_failures: LoginAddressFailuresTable;
  login_username_failures: LoginUsernameFailuresTable;
  data_keys: DataKeysTable;
  persons: PersonsTable;
  person_name_terms: PersonNameTermsTable;
  client_assignments: ClientAssignmentsTable;
  client_shares: ClientSharesTable;
  audit_log: AuditLogTable;
  address_attempts: AddressAttemptsTable;
  import_jobs: ImportJobsTable;
  digest_sends: DigestSendsTable;
  coaching_programmes: CoachingProgrammesTable;
  coaching_programme_versions: CoachingProgrammeVersionsTable;
  coaching_groups: CoachingGroupsTable;
  coaching_group_coaches: CoachingGroupCoachesTable;
  coaching_group_partners: CoachingGroupPartnersTable;
  coaching_sessions: CoachingSessionsTable;
  coaching_participants: CoachingParticipantsTable;
  coaching_enrolments: CoachingEnrolmentsTable;
  coaching_meetings: CoachingMeetingsTable;
  coaching_attendance: CoachingAttendanceTable;
  coaching_goal_scores: CoachingGoalScoresTable;
  coaching_tasks: CoachingTasksTable;
  coaching_follow_ups: CoachingFollowUpsTable;
  coaching_leavings: CoachingLeavingsTable;
  installation_settings: InstallationSettingsTable;
}

export type Account = Selectable<AccountsTable>;
export type AccountGrant = Selectable<AccountGrantsTable>;
export type AuditRow = Selectable<AuditLogTable>;
