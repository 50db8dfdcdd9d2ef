import type { Migration } from './index.ts';

export const foundation: Migration = {
  id: '0001_foundation',
  statements: [
    `create table offices (
      id text primary key,
      name text not null
    )`,
    `create table organisations (
      id text primary key,
      name text not null,
      kind text not null
    )`,
    `create table accounts (
      id uuid primary key,
      username text not null unique,
      display_name text not null,
      role text not null,
      title text,
      office_id text references offices(id),
      organisation_id text references organisations(id),
      language text not null default 'fi',
      password_hash text not null,
      totp_secret text,
      totp_enabled boolean not null default false,
      totp_last_step bigint,
      recovery_codes text[] not null default '{}',
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    `create table sessions (
      id text primary key,
      account_id uuid not null references accounts(id),
      stage text not null,
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      ip text
    )`,
    `create index sessions_account on sessions(account_id)`,
    `create table data_keys (
      id text primary key,
      master_key_id text not null,
      wrapped_key text not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz
    )`,
    // Everyone known to the register: referred persons, who become clients when admitted.
    `create table persons (
      id uuid primary key,
      register_id text not null unique,
      office_id text references offices(id),
      name text,
      birth_date date,
      gender text not null,
      nationality text not null,
      contact text,
      whereabouts text,
      created_at timestamptz not null default now()
    )`,
    `create table client_assignments (
      client_id uuid not null references persons(id),
      account_id uuid not null references accounts(id),
      primary key (client_id, account_id)
    )`,
    `create table client_shares (
      client_id uuid not null references persons(id),
      organisation_id text not null references organisations(id),
      field_groups text[] not null,
      primary key (client_id, organisation_id)
    )`,
    `create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_role text,
      action text not null,
      outcome text not null,
      client_id uuid,
      field_groups text[] not null default '{}',
      reason text,
      ip text,
      details jsonb,
      prev_hash text not null,
      hash text not null
    )`,
    `create index audit_log_client on audit_log(client_id, seq)`,
    `create function audit_log_is_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`,
    `create trigger audit_log_no_update_or_delete before update or delete on audit_log
      for each row execute function audit_log_is_append_only()`,
    `create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_is_append_only()`,
  ],
};
