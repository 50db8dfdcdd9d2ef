import type { Feature } from '../../server/feature.ts';
import { publicSiteRoutes } from './routes.ts';

/** The public site: what the assistance system is and how to get help, the self-referral form, the recognition guide, the published statistics. */
export const publicSite: Feature = {
  name: 'publicSite',
  routes: (app) => publicSiteRoutes(app),
};
