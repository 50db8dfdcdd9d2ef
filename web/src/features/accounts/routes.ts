import type { PageRoute } from '../../lib/routes.ts';

export const accountRoutes: PageRoute[] = [
  {
    path: '/admin/accounts',
    permission: 'accounts.manage',
    nav: { label: 'nav.accounts', order: 70, onHomePage: true },
    load: () => import('./AdminAccountsPage.tsx').then((module) => module.AdminAccountsPage),
  },
  {
    path: '/admin/installation',
    permission: 'installation.manage',
    nav: { label: 'nav.installation', order: 72, onHomePage: true },
    load: () => import('./InstallationSettingsPage.tsx').then((module) => module.InstallationSettingsPage),
  },
  {
    path: '/account-grants',
    permission: 'accounts.confirmGrants',
    nav: { label: 'nav.grants', order: 75, onHomePage: true },
    load: () => import('./AccountGrantsPage.tsx').then((module) => module.AccountGrantsPage),
  },
  {
    path: '/settings',
    nav: { label: 'nav.settings', order: 90, onHomePage: true },
    load: () => import('./SettingsPage.tsx').then((module) => module.SettingsPage),
  },
];
