import type { PageRoute } from '../../lib/routes.ts';

export const studyRoutes: PageRoute[] = [
  {
    path: '/studies',
    permission: 'studies.list',
    nav: { label: 'study:nav.studies', order: 75 },
    load: () => import('./StudiesPage.tsx').then((module) => module.StudiesPage),
  },
  {
    path: '/studies/new',
    permission: 'studies.create',
    load: () => import('./StudiesPage.tsx').then((module) => module.NewStudyPage),
  },
  {
    path: '/studies/:studyId',
    permission: 'studies.read',
    load: () => import('./StudyPage.tsx').then((module) => module.StudyPage),
  },
  {
    path: '/studies/:studyId/participants',
    permission: 'studies.read',
    load: () => import('./ParticipantsPage.tsx').then((module) => module.ParticipantsPage),
  },
  {
    path: '/studies/:studyId/guides/:guideId',
    permission: 'studies.read',
    load: () => import('./GuidePage.tsx').then((module) => module.GuidePage),
  },
  {
    path: '/studies/:studyId/guides/:guideId/print',
    permission: 'studies.read',
    load: () => import('./GuidePage.tsx').then((module) => module.GuidePrintPage),
  },
];
