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

export interface ClientsTable {
  id: string;
  office_id: string;
  name: string;
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

export interface DB {
  offices: OfficesTable;
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  data_keys: DataKeysTable;
  clients: ClientsTable;
  client_assignments: ClientAssignmentsTable;
  client_shares: ClientSharesTable;
  audit_log: AuditLogTable;
}

export type Account = Selectable<AccountsTable>;
export type AuditRow = Selectable<AuditLogTable>;
