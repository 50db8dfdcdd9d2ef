import type { PageRoute } from '../../lib/routes.ts';

export const exchangeRoutes: PageRoute[] = [
  {
    path: '/admin/register',
    permission: 'exchange.import',
    nav: { label: 'nav.exchange', order: 80 },
    load: () => import('./RegisterExchangePage.tsx').then((module) => module.RegisterExchangePage),
  },
];
