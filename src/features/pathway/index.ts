import type { Feature } from '../../server/feature.ts';
import { pathwayRoutes } from './routes.ts';
import { pathwayParts } from './recordParts.ts';

export { addDirectoryEntry } from './services.ts';

/** The path to work: plans, checkpoints, pathway services with partners, and progress made with the person. */
export const pathway: Feature = {
  name: 'pathway',
  routes: (app) => pathwayRoutes(app),
  recordParts: pathwayParts,
};
export { installPathwayDemo } from './demo.ts';
