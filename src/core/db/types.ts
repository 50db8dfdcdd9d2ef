import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OfficesTable { id: string; name: string }
export interface OrganisationsTable { id: string; name: string; kind: string }

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  title: string | null;
  office_id: string | null;
  organisation_id: string | null;
  language: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  recovery_codes: string[];
  failed_attempts: number;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  stage: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
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
  name: string | null;
  birth_date: ColumnType<string | null, string | null, string | null>;
  gender: string;
  nationality: string;
  /** Encrypted (field crypto): safe contact channel and times. */
  contact: string | null;
  /** Encrypted (field crypto): where the person stays. */
  whereabouts: string | null;
  created_at: Generated<Date>;
}

export interface ClientAssignmentsTable { client_id: string; account_id: string }
export interface ClientSharesTable { client_id: string; organisation_id: string; field_groups: string[] }

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
  client_id: string | null;
  field_groups: string[];
  reason: string | null;
  ip: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

type CalendarDate = ColumnType<string, string, string>;

export interface ReferralsTable { id: Generated<string>; register_id: string; person_id: string; received_at: Timestamp; source: string; consent_at: Timestamp }
export interface DecisionsTable { id: Generated<string>; register_id: string; referral_id: string; decided_at: Timestamp; outcome: string }
export interface WithdrawalsTable { referral_id: string; at: Timestamp }
export interface ExploitationsTable { person_id: string; purpose: string; place: string | null; main: boolean; minor_at_time: boolean }
export interface ResidenceStatusesTable { person_id: string; status: string; at: CalendarDate }
export interface ChildrenTable { id: Generated<string>; register_id: string; guardian_id: string; birth_date: CalendarDate; from_date: CalendarDate }
export interface TerminationsTable { person_id: string; at: Timestamp; reason: string }
export interface ReflectionPeriodsTable { person_id: string; granted_by: string; start_date: CalendarDate; end_date: CalendarDate }
export interface IdentificationsTable { person_id: string; requested_at: Timestamp; started_at: Timestamp | null; decided_at: Timestamp | null; outcome: string | null }

export interface DB {
  referrals: ReferralsTable;
  decisions: DecisionsTable;
  withdrawals: WithdrawalsTable;
  exploitations: ExploitationsTable;
  residence_statuses: ResidenceStatusesTable;
  children: ChildrenTable;
  terminations: TerminationsTable;
  reflection_periods: ReflectionPeriodsTable;
  identifications: IdentificationsTable;
  offices: OfficesTable;
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  data_keys: DataKeysTable;
  persons: PersonsTable;
  client_assignments: ClientAssignmentsTable;
  client_shares: ClientSharesTable;
  audit_log: AuditLogTable;
}

export type Account = Selectable<AccountsTable>;
export type AuditRow = Selectable<AuditLogTable>;
