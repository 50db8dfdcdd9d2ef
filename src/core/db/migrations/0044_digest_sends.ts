import type { Migration } from './index.ts';

/**
 * The daily digest is claimed per recipient and day rather than per day: a mail the SMTP server
 * refused is unclaimed and tried again on the next round, while a recipient already mailed is never
 * mailed twice, however many app servers ask.
 */
export const digestSends: Migration = {
  id: '0044_digest_sends',
  statements: [
    `create table digest_sends (
      day date not null,
      account_id uuid not null references accounts(id),
      claimed_at timestamptz not null default now(),
      primary key (day, account_id)
    )`,
    `drop table digest_days`,
  ],
};
