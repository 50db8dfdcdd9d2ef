import type { Feature } from '../../server/feature.ts';
import { coachingRoutes } from './routes.ts';

/** Work-life coaching (the IKUT model): programme templates and groups. */
export const coaching: Feature = {
  name: 'coaching',
  routes: (app) => coachingRoutes(app),
};

export { createGroup } from './groups.ts';
export { installDemoParticipants } from './demoParticipants.ts';
