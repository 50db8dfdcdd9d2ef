import { sql } from 'kysely';
import { isoInstant } from '../../core/dates.ts';
import type { RecordPart } from '../../core/record/recordPart.ts';
import { referralsSchema } from './schema.ts';

/** The referrals of a client, with their decisions and withdrawals. */
export const referralsPart: RecordPart<typeof referralsSchema, 'referrals'> = {
  key: 'referrals',
  group: 'case',
  schema: referralsSchema,
  staff: (clientId) => sql`select d.decided_by from decisions d join referrals r on r.id = d.referral_id where r.person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const referrals = await ctx.db
      .selectFrom('referrals')
      .leftJoin('decisions', 'decisions.referral_id', 'referrals.id')
      .leftJoin('withdrawals', 'withdrawals.referral_id', 'referrals.id')
      .select([
        'referrals.id',
        'referrals.received_at',
        'referrals.source',
        'referrals.acute_threat',
        'referrals.safe_place',
        'decisions.outcome',
        'decisions.decided_at',
        'decisions.decided_by',
        'withdrawals.at as withdrawn_at',
      ])
      .where('referrals.person_id', '=', clientId)
      .orderBy('referrals.received_at')
      .execute();
    return {
      value: referrals.map((row) => ({
        id: row.id,
        receivedAt: isoInstant(row.received_at),
        source: row.source,
        outcome: row.outcome,
        decidedAt: isoInstant(row.decided_at),
        withdrawnAt: isoInstant(row.withdrawn_at),
        acuteThreat: row.acute_threat,
        safePlace: row.safe_place,
      })),
      timeline: referrals.flatMap((row) => [
        { at: isoInstant(row.received_at)!, kind: 'referral', detail: row.source },
        ...(row.decided_at ? [{ at: isoInstant(row.decided_at)!, kind: `decision_${row.outcome}`, by: nameOf(row.decided_by) }] : []),
        ...(row.withdrawn_at ? [{ at: isoInstant(row.withdrawn_at)!, kind: 'withdrawal' }] : []),
      ]),
    };
  },
};
