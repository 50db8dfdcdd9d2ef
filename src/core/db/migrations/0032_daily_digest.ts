import type { Migration } from './index.ts';

/**
 * The daily e-mail digest is sent once a day across all app servers: the server that inserts the
 * day's row sends it, every other finds the row there.
 */
export const dailyDigest: Migration = {
  id: '0032_daily_digest',
  statements: [
    `create table digest_days (
      day date primary key,
      started_at timestamptz not null default now(),
      recipients int
    )`,
  ],
};
