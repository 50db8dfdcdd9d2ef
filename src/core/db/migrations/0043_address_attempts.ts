import type { Migration } from './index.ts';

/**
 * One table for every per-address limit (logins, the public referral form, the recognition guide's
 * consultations), so that several app servers count the same attempts. The address is kept only as
 * a keyed hash: the public forms' senders are people in danger, and their address is written nowhere.
 */
export const addressAttempts: Migration = {
  id: '0043_address_attempts',
  statements: [
    `create table address_attempts (
      purpose text not null,
      address_key text not null,
      window_start timestamptz not null,
      attempts int not null,
      primary key (purpose, address_key)
    )`,
    `drop table login_address_attempts`,
  ],
};
