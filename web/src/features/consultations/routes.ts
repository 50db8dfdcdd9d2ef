import type { PageRoute } from '../../lib/routes.ts';

export const consultationRoutes: PageRoute[] = [
  {
    path: '/consultations',
    permission: 'consultations.list',
    nav: { label: 'nav.consultations', order: 58, onHomePage: true },
    load: () => import('./ConsultationPages.tsx').then((module) => module.ConsultationsPage),
  },
  {
    path: '/consultations/new',
    permission: 'consultations.record',
    load: () => import('./ConsultationPages.tsx').then((module) => module.NewConsultationPage),
  },
  {
    path: '/consultations/overview',
    permission: 'consultations.list',
    load: () => import('./OverviewPage.tsx').then((module) => module.CompetenceOverviewPage),
  },
  {
    path: '/consultations/:consultationId',
    permission: 'consultations.read',
    load: () => import('./ConsultationPages.tsx').then((module) => module.ConsultationPage),
  },
  {
    path: '/training',
    permission: 'training.list',
    load: () => import('./TrainingPages.tsx').then((module) => module.TrainingPage),
  },
  {
    path: '/training/new',
    permission: 'training.record',
    load: () => import('./TrainingPages.tsx').then((module) => module.NewTrainingPage),
  },
];
