import type { PageRoute } from '../../lib/routes.ts';

export const pathwayRoutes: PageRoute[] = [
  {
    path: '/clients/:clientId/pathway',
    permission: 'clients.read',
    load: () => import('./PathwayPage.tsx').then((module) => module.PathwayPage),
  },
  {
    path: '/clients/:clientId/pathway/plans/:planId',
    permission: 'clients.read',
    load: () => import('./PlanVersionsPage.tsx').then((module) => module.PlanVersionsPage),
  },
  {
    path: '/clients/:clientId/pathway/map',
    permission: 'clients.read',
    load: () => import('./MapPage.tsx').then((module) => module.MapPage),
  },
  {
    path: '/pathway/distance-travelled',
    permission: 'pathway.reports',
    load: () => import('./DistancePage.tsx').then((module) => module.DistancePage),
  },
  {
    path: '/pathway/outcomes',
    permission: 'pathway.outcomes.published',
    nav: { label: 'pathway:outcomes.nav', order: 62 },
    load: () => import('./OutcomesPage.tsx').then((module) => module.OutcomesPage),
  },
];
