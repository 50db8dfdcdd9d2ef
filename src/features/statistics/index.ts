import type { Feature } from '../../server/feature.ts';
import { statisticsRoutes } from './routes.ts';
import { releaseRoutes } from './releaseRoutes.ts';

export { annualStatistics } from './service.ts';
export { cellLabel, lastReportYear, tableIds } from './tables.ts';
export { releaseFigures } from './annualReport.ts';
export { publishPastYears, publishRelease, previewRelease } from './releases.ts';
/** What the public may see of the statistics (for the public site): the newest release of each year, and the time series. */
export { publicStatistics, type PublicStatistics, type PublishedYear } from './openData.ts';
export { toCsv, toXlsx } from './download.ts';
/** The smallest count a published form shows: 1–4 are hidden (disclosure.ts). */
export { SMALLEST_SHOWN } from './disclosure.ts';
/** The published form of a small report under the same rules: counts named once, their sums declared. */
export { protectCounts, type CountSum } from './countDisclosure.ts';

/** The annual statistics: internal, and published as releases. */
export const statistics: Feature = {
  name: 'statistics',
  routes: async (app) => {
    await statisticsRoutes(app);
    await releaseRoutes(app);
  },
};
