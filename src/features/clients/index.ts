import type { Feature } from '../../server/feature.ts';
import { clientRoutes } from './routes.ts';

export { createClient, shareClient } from './service.ts';

/** Client records: the person, their contact and whereabouts, sharing, the access log; the record assembled from every feature's parts. */
export const clients: Feature = {
  name: 'clients',
  routes: clientRoutes,
};
