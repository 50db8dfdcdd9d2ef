import type { Feature } from '../../core/feature.ts';
import { statisticsRoutes } from './routes.ts';

/** The annual statistics, internal and published. */
export const statistics: Feature = {
  name: 'statistics',
  routes: (app) => statisticsRoutes(app),
};
