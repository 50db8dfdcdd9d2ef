import type { Migration } from './index.ts';

/**
 * An account created by an administrator must set its own password before anything else
 * (`must_change_password`); the installation's own details for its letters (sender, contact, the
 * appeal authority), changed by an administrator; and each decision's diary number, drawn once from
 * the installation's sequence and kept with the decision so a letter printed again shows the same.
 */
export const workspace: Migration = {
  id: '0011_workspace',
  statements: [
    `alter table accounts add column must_change_password boolean not null default false`,
    `create table installation_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null,
      updated_by uuid references accounts(id)
    )`,
    `create sequence decision_reference_seq`,
    `alter table decisions add column reference text unique`,
    // Decisions made before this get their numbers in the order they were made.
    `with numbered as (
      select id, decided_at, row_number() over (order by decided_at, id) as n from decisions
    )
    update decisions set reference = 'IKU/' || extract(year from (numbered.decided_at at time zone 'Europe/Helsinki'))::int || '/' || lpad(numbered.n::text, 6, '0')
    from numbered where numbered.id = decisions.id`,
    `select setval('decision_reference_seq', greatest((select count(*) from decisions), 1), (select count(*) from decisions) > 0)`,
  ],
};
