import type { PageRoute } from '../../lib/routes.ts';

export const referralRoutes: PageRoute[] = [
  {
    path: '/referrals',
    permission: 'referrals.create',
    nav: { label: 'nav.referrals', order: 20, onHomePage: true },
    load: () => import('./ReferralsPage.tsx').then((module) => module.ReferralsPage),
  },
  {
    path: '/referrals/new',
    permission: 'referrals.create',
    load: () => import('./NewReferralPage.tsx').then((module) => module.NewReferralPage),
  },
  {
    path: '/referrals/:referralId',
    permission: 'referrals.queue',
    load: () => import('./ReferralPage.tsx').then((module) => module.ReferralPage),
  },
  {
    path: '/referrals/:referralId/letter',
    permission: 'referrals.queue',
    load: () => import('./DecisionLetterPage.tsx').then((module) => module.DecisionLetterPage),
  },
];
