import { daysBetween, helsinkiDate } from '../../core/dates.ts';
import { listScope, type Actor } from '../../core/policy/policy.ts';
import { personsInScope } from '../../core/record/persons.ts';
import type { AppContext } from '../../server/context.ts';
import { referralsWithPerson } from './queries.ts';
import { matchesOf } from './queue.ts';

/**
 * The intake queue in numbers, for the home page: how many referrals wait for a decision, how long
 * the oldest has waited, and how many have a possible match nobody has confirmed or dismissed. Counted
 * over the queue's own scope (policy.listScope); null when the reader may not list the queue.
 */
export async function intakeCounts(ctx: AppContext, actor: Actor) {
  const scope = listScope(actor, 'referrals.queue');
  if (scope === 'none') return null;
  let query = referralsWithPerson(ctx.db).where('decisions.id', 'is', null).where('withdrawals.referral_id', 'is', null);
  const inScope = personsInScope(ctx.db, actor, scope);
  if (inScope) query = query.where('referrals.person_id', 'in', inScope);
  const open = await query.orderBy('referrals.received_at').execute();
  // Only a person who shares a form of the name with someone else can have a match: the others are not opened.
  const openPersons = open.map((row) => row.person_id);
  const sharing = new Set(
    openPersons.length === 0
      ? []
      : (
          await ctx.db
            .selectFrom('person_name_terms as own')
            .innerJoin('person_name_terms as other', (join) =>
              join.onRef('other.term', '=', 'own.term').onRef('other.person_id', '!=', 'own.person_id'),
            )
            .select('own.person_id')
            .distinct()
            .where('own.person_id', 'in', openPersons)
            .execute()
        ).map((row) => row.person_id),
  );
  let matchesToConfirm = 0;
  for (const row of open) {
    if (sharing.has(row.person_id) && (await matchesOf(ctx, row)).some((match) => match.review === null)) matchesToConfirm++;
  }
  return {
    waiting: open.length,
    oldestWaitedDays: open.length > 0 ? daysBetween(helsinkiDate(open[0].received_at), helsinkiDate()) : null,
    matchesToConfirm,
  };
}

/** A partner's referrals still waiting for a decision: what the list of sent referrals shows as open. */
export async function sentWaitingCount(ctx: AppContext, actor: Actor) {
  if (listScope(actor, 'referrals.sent') === 'none') return null;
  const row = await ctx.db
    .selectFrom('referrals')
    .leftJoin('decisions', 'decisions.referral_id', 'referrals.id')
    .leftJoin('withdrawals', 'withdrawals.referral_id', 'referrals.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('referrals.referrer_organisation_id', '=', actor.organisationId ?? '')
    .where('decisions.id', 'is', null)
    .where('withdrawals.referral_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
