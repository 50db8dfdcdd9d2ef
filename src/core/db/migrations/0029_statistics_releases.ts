import type { Migration } from './index.ts';

/**
 * Published statistics are releases: a year's published tables fixed when the director publishes
 * them, beside the internal tables they were made from and the year before in the same snapshot
 * (what the disclosure control of every later release needs). A correction is a new release of the
 * same year that names the one it supersedes. Releases are never changed or removed: what was public
 * stays on record, and a trigger refuses UPDATE, DELETE and TRUNCATE. The tables are `json`, not
 * `jsonb`, so that their cells keep the order they were published in.
 */
export const statisticsReleases: Migration = {
  id: '0029_statistics_releases',
  statements: [
    `create table statistics_releases (
      id uuid primary key,
      year int not null,
      version int not null check (version >= 1),
      published_at timestamptz not null default now(),
      published_by uuid references accounts(id),
      supersedes uuid references statistics_releases(id),
      correction_reason text,
      internal_tables json not null,
      previous_tables json not null,
      published_tables json not null,
      unique (year, version),
      check ((version = 1) = (supersedes is null)),
      check ((version = 1) = (correction_reason is null))
    )`,
    `create function statistics_releases_are_kept() returns trigger language plpgsql as $$
      begin raise exception 'statistics releases are kept as published'; end $$`,
    `create trigger statistics_releases_no_update_or_delete before update or delete on statistics_releases
      for each row execute function statistics_releases_are_kept()`,
    `create trigger statistics_releases_no_truncate before truncate on statistics_releases
      for each statement execute function statistics_releases_are_kept()`,
  ],
};
