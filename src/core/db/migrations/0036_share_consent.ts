import type { Migration } from './index.ts';

/**
 * A share with a partner organisation records the person's consent to it: who gave it, how and when.
 * Shares made before consent was recorded keep empty columns; every new or changed share fills them.
 */
export const shareConsent: Migration = {
  id: '0036_share_consent',
  statements: [
    `alter table client_shares add column consent_given_by text, add column consent_method text, add column consent_at timestamptz`,
  ],
};
