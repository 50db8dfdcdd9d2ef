import type { Feature } from '../../server/feature.ts';
import { overviewRoutes } from './routes.ts';

/** The home page's counts, composed from what each feature exports: what waits for the reader, with links to the lists. */
export const overview: Feature = {
  name: 'overview',
  routes: (app) => overviewRoutes(app),
};
export { scheduleDailyDigest, sendDailyDigest, type Mailer } from './dailyDigest.ts';
