import type { PageRoute } from '../../lib/routes.ts';

export const clientRoutes: PageRoute[] = [
  {
    path: '/clients',
    permission: 'clients.list',
    nav: { label: 'nav.clients', order: 30, onHomePage: true },
    load: () => import('./ClientListPage.tsx').then((module) => module.ClientListPage),
  },
  {
    path: '/clients/:clientId',
    permission: 'clients.read',
    load: () => import('./ClientPage.tsx').then((module) => module.ClientPage),
  },
];
