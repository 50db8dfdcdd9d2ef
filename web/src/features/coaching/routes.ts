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
  {
    path: '/coaching/groups/:groupId/participants/new',
    permission: 'coaching.participants.manage',
    load: () => import('./ParticipantPages.tsx').then((module) => module.NewParticipantPage),
  },
  {
    path: '/coaching/participants',
    permission: 'coaching.participants',
    load: () => import('./ParticipantPages.tsx').then((module) => module.ParticipantsPage),
  },
  {
    path: '/coaching/participants/:participantId',
    permission: 'coaching.participants',
    load: () => import('./ParticipantPages.tsx').then((module) => module.ParticipantPage),
  },
  {
    path: '/coaching/participants/:participantId/schedule',
    permission: 'coaching.participants.manage',
    load: () => import('./OwnSchedulePage.tsx').then((module) => module.OwnSchedulePage),
  },
  {
    path: '/coaching/groups/:groupId/attendance',
    permission: 'coaching.groups',
    load: () => import('./AttendancePages.tsx').then((module) => module.AttendancePage),
  },
  {
    path: '/coaching/groups/:groupId/sessions/:sessionId/sign-in',
    permission: 'coaching.participants.manage',
    load: () => import('./AttendancePages.tsx').then((module) => module.SignInSheetPage),
  },
  {
    path: '/coaching/tasks',
    permission: 'coaching.tasks',
    load: () => import('./AttendancePages.tsx').then((module) => module.TasksPage),
  },
  {
    path: '/coaching/groups/:groupId/report',
    permission: 'coaching.reports.published',
    load: () => import('./AttendancePages.tsx').then((module) => module.ReportPage),
  },
  {
    // The health professional's way to the participants, for the psychologist's meetings.
    path: '/coaching/psychology',
    permission: 'coaching.psychology',
    nav: { label: 'nav.coachingPsychology', order: 56, onHomePage: false },
    load: () => import('./ParticipantPages.tsx').then((module) => module.ParticipantsPage),
  },
];
