import type { Feature } from '../../server/feature.ts';
import { identificationRoutes } from './routes.ts';
import { identificationPart } from './recordParts.ts';

export { identificationWaitingCount } from './counts.ts';

/** Official identification with the expert group. */
export const identification: Feature = {
  name: 'identification',
  routes: (app) => identificationRoutes(app),
  recordParts: [identificationPart],
};
