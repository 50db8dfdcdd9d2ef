import type { PageRoute } from '../../lib/routes.ts';

export const coachingRoutes: PageRoute[] = [
  {
    path: '/coaching',
    permission: 'coaching.groups',
    nav: { label: 'nav.coaching', order: 55, onHomePage: true },
    load: () => import('./GroupPages.tsx').then((module) => module.GroupsPage),
  },
  {
    path: '/coaching/groups/new',
    permission: 'coaching.groups.manage',
    load: () => import('./GroupPages.tsx').then((module) => module.NewGroupPage),
  },
  {
    path: '/coaching/groups/:groupId',
    permission: 'coaching.groups',
    load: () => import('./GroupPages.tsx').then((module) => module.GroupPage),
  },
  {
    path: '/coaching/programmes',
    permission: 'coaching.programmes',
    load: () => import('./ProgrammePages.tsx').then((module) => module.ProgrammesPage),
  },
  {
    path: '/coaching/programmes/:programmeId',
    permission: 'coaching.programmes',
    load: () => import('./ProgrammePages.tsx').then((module) => module.ProgrammePage),
  },
];
