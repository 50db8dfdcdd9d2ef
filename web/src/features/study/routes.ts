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
  {
    path: '/studies/:studyId/interviews',
    permission: 'studies.read',
    load: () => import('./InterviewsPage.tsx').then((module) => module.InterviewsPage),
  },
  {
    path: '/studies/:studyId/transcripts/:transcriptId',
    permission: 'studies.read',
    load: () => import('./TranscriptPage.tsx').then((module) => module.TranscriptPage),
  },
  {
    path: '/studies/:studyId/questions/:questionId',
    permission: 'studies.read',
    load: () => import('./AnswersPage.tsx').then((module) => module.AnswersPage),
  },
  {
    path: '/studies/:studyId/codebook',
    permission: 'studies.read',
    load: () => import('./CodebookPage.tsx').then((module) => module.CodebookPage),
  },
  {
    path: '/studies/:studyId/agreement',
    permission: 'studies.read',
    load: () => import('./AnalysisPages.tsx').then((module) => module.AgreementPage),
  },
  {
    path: '/studies/:studyId/matrix',
    permission: 'studies.read',
    load: () => import('./AnalysisPages.tsx').then((module) => module.MatrixPage),
  },
  {
    path: '/studies/:studyId/report',
    permission: 'studies.read',
    load: () => import('./AnalysisPages.tsx').then((module) => module.ReportPage),
  },
];
