import type { Migration } from './index.ts';

/**
 * Login throttling kept in the database, so every app server sees the same counts.
 * Rows are keyed by the username as typed (normalised), not by account, so a username that does not
 * exist is throttled exactly like one that does and the answers cannot tell them apart.
 */
export const loginThrottle: Migration = {
  id: '0007_login_throttle',
  statements: [
    // One username from one address: five failures lock that address out of that username.
    // last_success_at marks an address the account has logged in from (exempt from the account throttle).
    `create table login_address_failures (
      username text not null,
      address text not null,
      failures integer not null default 0,
      window_start timestamptz not null,
      locked_until timestamptz,
      last_success_at timestamptz,
      primary key (username, address)
    )`,
    `create index login_address_failures_window on login_address_failures(window_start)`,
    // One username from every address together: a slower throttle against guessing from many addresses.
    `create table login_username_failures (
      username text primary key,
      failures integer not null default 0,
      window_start timestamptz not null,
      next_attempt_at timestamptz
    )`,
    `create index login_username_failures_window on login_username_failures(window_start)`,
    // What the account's owner is told at the next login: failures since the last login.
    `alter table accounts add column failed_logins integer not null default 0`,
    `alter table accounts add column last_failed_login_at timestamptz`,
    // Kept with the session, so the notice survives a reload of the page.
    `alter table sessions add column failed_logins_before integer not null default 0`,
    `alter table sessions add column last_failed_login_before timestamptz`,
  ],
};
