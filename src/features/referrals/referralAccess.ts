import { intakeAccess, type FieldGroup } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { grant, openClient, type Who } from '../../core/record/access.ts';
import type { ReferralRow } from './queries.ts';

/**
 * Which field groups of a referral the actor reads. Once the person has a record, the referral is part
 * of it: the record's door decides, with its reason rule and its refusal logged under the client.
 * Before that it is intake work, for the staff who handle the queue.
 */
export async function referralAccess(
  ctx: AppContext,
  who: Who,
  row: ReferralRow,
  action: string,
  reason: string | null,
): Promise<Set<FieldGroup>> {
  if (row.has_record) return new Set((await openClient(ctx, who, row.person_id, { read: 'case', action }, reason)).access.read);
  const groups = intakeAccess(who.actor);
  grant(who, ['record', ...groups]);
  return new Set(groups);
}
