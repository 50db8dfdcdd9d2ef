import type { Feature } from '../../server/feature.ts';
import { statisticsRoutes } from './routes.ts';

export { annualStatistics } from './service.ts';
export { cellLabel, lastReportYear, tableIds } from './tables.ts';
export { toCsv } from './download.ts';

/** The annual statistics, internal and published. */
export const statistics: Feature = {
  name: 'statistics',
  routes: (app) => statisticsRoutes(app),
};
