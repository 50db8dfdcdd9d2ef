import type { PageRoute } from '../lib/routes.ts';
import { accountRoutes } from '../features/accounts/routes.ts';
import { caseworkRoutes } from '../features/casework/routes.ts';
import { clientRoutes } from '../features/clients/routes.ts';
import { coachingRoutes } from '../features/coaching/routes.ts';
import { exchangeRoutes } from '../features/exchange/routes.ts';
import { referralRoutes } from '../features/referrals/routes.ts';
import { statisticsRoutes } from '../features/statistics/routes.ts';
import { studyRoutes } from '../features/study/routes.ts';
import { consultationRoutes } from '../features/consultations/routes.ts';
import { pathwayRoutes } from '../features/pathway/routes.ts';

/** The app's own page: the home page gathers what the person's features have for them today. */
const appRoutes: PageRoute[] = [
  { path: '/', nav: { label: 'nav.home', order: 10 }, load: () => import('./HomePage.tsx').then((module) => module.HomePage) },
];

/**
 * Every page of the staff app. A feature declares its pages in its own `routes.ts`; a new feature's
 * list is added here once. Nothing else in the app changes for a new page or navigation entry.
 */
export const pageRoutes: PageRoute[] = [
  ...appRoutes,
  ...referralRoutes,
  ...clientRoutes,
  ...caseworkRoutes,
  ...coachingRoutes,
  ...statisticsRoutes,
  ...accountRoutes,
  ...exchangeRoutes,
  ...studyRoutes,
  ...consultationRoutes,
  ...pathwayRoutes,
];

/** The main navigation: the pages that declare an entry, in their declared order. */
export const navigation = pageRoutes.filter((route) => route.nav).sort((a, b) => a.nav!.order - b.nav!.order);
