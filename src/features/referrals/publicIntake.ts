import { AppError } from '../../core/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { limitAttempts } from '../auth/index.ts';
import { createReferral } from './intake.ts';
import type { GuideReferral, PublicReferral } from './schema.ts';

/** A person without a birth date on a public form is recorded with an estimate: mid-year, or unknown adult age. */
const estimatedBirthDate = (year: number | null | undefined) => `${year ?? new Date().getUTCFullYear() - 30}-07-01`;

/** Refuses a public referral from an address that has sent ten in the last hour, whichever door it came through. */
export function checkPublicReferralLimit(ctx: AppContext, address: string): Promise<void> {
  return limitAttempts(ctx, 'public_referral', address, 10);
}

/** A person refers themself from the public site: consent is the form's box, ticked by the person. */
export async function receivePublicReferral(ctx: AppContext, body: PublicReferral): Promise<void> {
  if (body.consent !== true) throw new AppError(400, 'consent_required');
  const replyChannel = { kind: body.replyChannel, address: body.replyAddress || null, safeTimes: body.safeTimes || null };
  await createReferral(
    ctx,
    { publicLanguage: body.language, replyChannel, childrenWithMe: body.childrenWithMe ?? null },
    {
      source: 'self',
      person: {
        name: body.name,
        birthDate: estimatedBirthDate(body.birthYear),
        birthDateEstimated: true,
        gender: body.gender,
        nationality: body.nationality,
        languages: body.languages,
        interpreterNeeded: body.interpreterNeeded,
        contact: [replyChannel.address, replyChannel.safeTimes].filter(Boolean).join(' · ') || null,
        safePlace: body.safePlace ?? null,
        acuteThreat: body.acuteThreat ?? null,
      },
      account: body.whatHappened || null,
      consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'online_form' },
    },
  );
}

/**
 * A professional ends the recognition guide in a referral the person has agreed to: the warning signs
 * they answered travel with it (sealed, in the referral's intake), and the person's identity is asked
 * only now, at the consent step. The professional is the referrer and is answered at the contact given.
 */
export async function receiveGuideReferral(ctx: AppContext, body: GuideReferral): Promise<void> {
  if (body.consent.given !== true) throw new AppError(400, 'consent_required');
  await createReferral(
    ctx,
    {
      publicLanguage: body.language,
      replyChannel: null,
      childrenWithMe: null,
      warningSigns: body.warningSigns,
      referrerContact: body.referrer.contact,
    },
    {
      source: body.referrer.source,
      referrerName: [body.referrer.name, body.referrer.organisation].filter(Boolean).join(', '),
      person: {
        name: body.person.name,
        birthDate: estimatedBirthDate(body.person.birthYear),
        birthDateEstimated: true,
        gender: body.person.gender,
        nationality: body.person.nationality,
        interpreterNeeded: body.person.interpreterNeeded,
        contact: body.person.contact || null,
        safePlace: body.person.safePlace ?? null,
        acuteThreat: body.person.acuteThreat ?? null,
      },
      account: body.question || null,
      consent: { given: true, givenBy: body.consent.givenBy, at: new Date().toISOString(), method: body.consent.method },
    },
  );
}
