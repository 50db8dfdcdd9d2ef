import type { Feature } from '../../server/feature.ts';
import { referralRoutes } from './routes.ts';
import { referralsPart } from './recordParts.ts';

/** Referrals: intake, matching, decisions and letters. */
export const referrals: Feature = {
  name: 'referrals',
  routes: (app) => referralRoutes(app),
  recordParts: [referralsPart],
};

export { intakeCounts, sentWaitingCount } from './counts.ts';

export { publicLanguages } from './schema.ts';
/** The public site's doors into intake: a person's own referral, and a professional's from the recognition guide. */
export { checkPublicReferralLimit, receiveGuideReferral, receivePublicReferral } from './publicIntake.ts';
export { guideReferralBody, publicReferralBody, warningSignAnswers, type GuideReferral, type PublicReferral } from './schema.ts';
