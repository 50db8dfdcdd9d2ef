import type { Account } from '../db/types.ts';
import type { Actor, Role } from './policy.ts';

/** The account as the policy sees it: its role, placement and designation. */
export function actorOf(account: Account): Actor {
  return {
    id: account.id,
    role: account.role as Role,
    officeId: account.office_id,
    organisationId: account.organisation_id,
    designatedOfficial: account.decides_admissions,
  };
}
