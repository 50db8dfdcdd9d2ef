import type { Migration } from './index.ts';

/** The annual statistics read the register by year: these indexes keep a million-client report fast. */
export const statisticsIndexes: Migration = {
  id: '0003_statistics_indexes',
  statements: [
    `create index decisions_decided_at on decisions(decided_at) include (referral_id, outcome)`,
    `create index referrals_received_at on referrals(received_at)`,
    `create index children_guardian on children(guardian_id)`,
    `create index reflection_periods_start on reflection_periods(start_date)`,
  ],
};
