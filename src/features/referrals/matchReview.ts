import { sql } from 'kysely';
import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { auditWho, type Who } from '../../core/record/access.ts';
import { findReferral, referralStatus } from './queries.ts';

/**
 * Confirming a match moves the referral, and what was recorded with it, to the person already known,
 * and removes the duplicate person; dismissing it records that the two are different people.
 */
export async function reviewMatch(ctx: AppContext, who: Who, referralId: string, candidateId: string, outcome: 'confirmed' | 'dismissed') {
  const referral = await findReferral(ctx.db, referralId);
  const candidate = await ctx.db.selectFrom('persons').selectAll().where('id', '=', candidateId).executeTakeFirst();
  if (!referral || !candidate || candidate.id === referral.person_id) throw notFound();
  if (referralStatus(referral) !== 'open') throw new AppError(409, 'referral_closed');
  const duplicateId = referral.person_id;
  if (outcome === 'confirmed') {
    const others = await ctx.db
      .selectFrom('referrals')
      .select('id')
      .where('person_id', '=', duplicateId)
      .where('id', '!=', referralId)
      .execute();
    if (others.length > 0) throw new AppError(409, 'person_has_other_referrals');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('match_reviews')
      .values({ referral_id: referralId, candidate_id: candidateId, outcome, reviewed_by: who.actor.id, at: new Date() })
      .onConflict((oc) => oc.columns(['referral_id', 'candidate_id']).doUpdateSet({ outcome, reviewed_by: who.actor.id, at: new Date() }))
      .execute();
    if (outcome === 'confirmed') {
      await trx.updateTable('referrals').set({ person_id: candidateId }).where('id', '=', referralId).execute();
      // The known person's main exploitation stays main; newly reported purposes are added beside it.
      const knownHasMain = await trx
        .selectFrom('exploitations')
        .select('purpose')
        .where('person_id', '=', candidateId)
        .where('main', '=', true)
        .executeTakeFirst();
      await sql`insert into exploitations (person_id, purpose, place, main, minor_at_time, sector, means_of_control, recruitment)
        select ${candidateId}, purpose, place, main and ${!knownHasMain}, minor_at_time, sector, means_of_control, recruitment from exploitations where person_id = ${duplicateId}
        on conflict do nothing`.execute(trx);
      await sql`insert into residence_statuses (person_id, status, at) select ${candidateId}, status, at from residence_statuses where person_id = ${duplicateId} on conflict do nothing`.execute(
        trx,
      );
      // Contact details are sealed to their row: re-seal the newer ones for the known person when given.
      const duplicate = (await trx.selectFrom('persons').selectAll().where('id', '=', duplicateId).executeTakeFirst())!;
      const reseal = (column: 'contact' | 'whereabouts') => {
        const value = ctx.cipher.decryptOptional(duplicate[column], protectedContext('persons', column, duplicateId));
        return value ? ctx.cipher.encrypt(value, protectedContext('persons', column, candidateId)) : candidate[column];
      };
      await trx
        .updateTable('persons')
        .set({
          contact: reseal('contact'),
          whereabouts: reseal('whereabouts'),
          languages: [...new Set([...candidate.languages, ...duplicate.languages])],
          interpreter_needed: candidate.interpreter_needed || duplicate.interpreter_needed,
        })
        .where('id', '=', candidateId)
        .execute();
      for (const table of ['exploitations', 'residence_statuses'] as const)
        await trx.deleteFrom(table).where('person_id', '=', duplicateId).execute();
      await trx.deleteFrom('match_reviews').where('candidate_id', '=', duplicateId).execute();
      await trx.deleteFrom('persons').where('id', '=', duplicateId).execute();
    }
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...auditWho(who),
      action: `referrals.match_${outcome}`,
      outcome: 'succeeded',
      clientId: candidateId,
      fieldGroups: ['identity'],
      details: { referral: referralId, ...(outcome === 'confirmed' ? { merged: duplicateId } : { clients: [duplicateId] }) },
    });
  });
}
