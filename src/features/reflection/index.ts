import type { Feature } from '../../server/feature.ts';
import { reflectionRoutes } from './routes.ts';
import { reflectionPart } from './recordParts.ts';

export { endingReflectionCounts } from './counts.ts';

/** Reflection periods and their warnings. */
export const reflection: Feature = {
  name: 'reflection',
  routes: (app) => reflectionRoutes(app),
  recordParts: [reflectionPart],
};
