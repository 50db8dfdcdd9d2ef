import type { Feature } from '../../server/feature.ts';
import { organisationRoutes } from './routes.ts';

export { requireKnownPlacement } from './references.ts';

/** Offices and partner organisations. */
export const organisations: Feature = {
  name: 'organisations',
  routes: (app) => organisationRoutes(app),
};
