import type { Migration } from './index.ts';

/**
 * What one app server used to keep in memory, so that several servers on one database behave as
 * one: the per-address limit on login attempts (a counter per address and window) and the web
 * imports (one at a time across all servers: the unique index admits one unfinished import; a
 * server that stopped mid-import stops renewing `alive_at`, and the next start ends its job).
 */
export const sharedServerState: Migration = {
  id: '0031_shared_server_state',
  statements: [
    `create table login_address_attempts (
      address text primary key,
      window_start timestamptz not null,
      attempts int not null
    )`,
    `create table import_jobs (
      id uuid primary key,
      owner_id uuid not null references accounts(id),
      state text not null,
      done int not null default 0,
      total int not null default 0,
      summary jsonb,
      problems jsonb,
      started_at timestamptz not null default now(),
      alive_at timestamptz not null default now(),
      ended_at timestamptz
    )`,
    `create unique index import_jobs_one_running on import_jobs ((true)) where ended_at is null`,
  ],
};
