import type { Migration } from './index.ts';

/**
 * Separation of duties: an administrator asks, a director confirms. A change that would let an
 * account read client data (a role, an office or organisation, the designation to decide) waits
 * here as a pending grant until a second person decides it. A new account made to wait cannot log
 * in until its grant is confirmed (`awaits_confirmation`).
 */
export const separationOfDuties: Migration = {
  id: '0005_separation_of_duties',
  statements: [
    `alter table accounts add column awaits_confirmation boolean not null default false`,
    `create table account_grants (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      role text not null,
      office_id text references offices(id),
      organisation_id text references organisations(id),
      decides_admissions boolean not null,
      new_account boolean not null,
      requested_by uuid references accounts(id),
      requested_at timestamptz not null,
      status text not null,
      decided_by uuid references accounts(id),
      decided_at timestamptz
    )`,
    // At most one change waits per account: a newer request replaces the older one.
    `create unique index account_grants_one_pending on account_grants(account_id) where status = 'pending'`,
    `create index account_grants_requested on account_grants(requested_at)`,
  ],
};
