import type { PageRoute } from '../../lib/routes.ts';

export const caseworkRoutes: PageRoute[] = [
  {
    path: '/reflection-periods',
    permission: 'reflection.overview',
    nav: { label: 'nav.reflection', order: 40 },
    load: () => import('./OverviewPages.tsx').then((module) => module.ReflectionOverviewPage),
  },
  {
    path: '/identification',
    permission: 'identification.queue',
    nav: { label: 'nav.identification', order: 50 },
    load: () => import('./OverviewPages.tsx').then((module) => module.IdentificationQueuePage),
  },
  {
    path: '/tasks',
    permission: 'tasks.mine',
    load: () => import('./OverviewPages.tsx').then((module) => module.MyTasksPage),
  },
];
