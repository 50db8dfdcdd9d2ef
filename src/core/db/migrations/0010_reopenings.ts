import type { Migration } from './index.ts';

/**
 * Assistance that ended can be reopened: by whom, when and why (the reason encrypted, as notes are).
 * A case has ended when its latest termination after the last admission is not followed by a reopening.
 */
export const reopenings: Migration = {
  id: '0010_reopenings',
  statements: [
    `create table reopenings (
      id uuid primary key,
      person_id uuid not null references persons(id),
      at timestamptz not null,
      reason text not null,
      reopened_by uuid references accounts(id)
    )`,
    `create index reopenings_person on reopenings(person_id)`,
  ],
};
