import { can, type Actor } from '../../core/policy/policy.ts';
import type { AppContext } from '../../server/context.ts';
import { pendingGrantCount } from '../accounts/index.ts';
import { taskCounts } from '../casework/index.ts';
import { identificationWaitingCount } from '../identification/index.ts';
import { endingReflectionCounts } from '../reflection/index.ts';
import { intakeCounts, sentWaitingCount } from '../referrals/index.ts';
import { waitingConsultationCount } from '../consultations/index.ts';
import type { Overview } from './schema.ts';

/** Every count the reader may see, each from the feature that owns its data; counts the reader may not see are left out. */
export async function overviewFor(ctx: AppContext, actor: Actor): Promise<Overview> {
  const [referrals, sentReferralsWaiting, identificationWaiting, reflectionEnding, tasks, pendingGrants, consultationsWaiting] =
    await Promise.all([
      intakeCounts(ctx, actor),
      sentWaitingCount(ctx, actor),
      identificationWaitingCount(ctx.db, actor),
      endingReflectionCounts(ctx.db, actor),
      taskCounts(ctx.db, actor),
      pendingGrantCount(ctx.db, actor),
      can(actor, 'consultations.list') ? waitingConsultationCount(ctx.db) : null,
    ]);
  const counts = { referrals, sentReferralsWaiting, identificationWaiting, reflectionEnding, tasks, pendingGrants, consultationsWaiting };
  const present = Object.entries(counts).filter(([, value]) => value !== null);
  return Object.fromEntries(present) as Overview;
}
