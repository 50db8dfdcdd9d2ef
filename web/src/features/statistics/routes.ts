import type { PageRoute } from '../../lib/routes.ts';

export const statisticsRoutes: PageRoute[] = [
  {
    path: '/statistics',
    permission: 'statistics.published',
    nav: { label: 'nav.statistics', order: 60, onHomePage: true },
    load: () => import('./StatisticsPage.tsx').then((module) => module.StatisticsPage),
  },
  {
    path: '/statistics/publish',
    permission: 'statistics.publish',
    load: () => import('./PublishPage.tsx').then((module) => module.PublishPage),
  },
];
