import type { Api } from '../../server/context.ts';
import { whoOf } from '../../server/requestContext.ts';
import { createdResponse, emptyResponse, fileResponse, idParams } from '../../server/schemaParts.ts';
import { changeSession, groupCalendar, listSessions, participantSchedule } from './schedule.ts';
import { createGroup, getGroup, listCoaches, listGroups } from './groups.ts';
import { attendanceGrid, saveAttendance } from './attendance.ts';
import { groupReport, programmeReport, reportRows } from './reports.ts';
import { toCsv, toXlsx } from '../statistics/index.ts';
import { completeTask, myTasks, recordFollowUp, saveCareerPlan, saveGoals } from './outcomes.ts';
import { recordLeaving } from './leaving.ts';
import {
  createParticipant,
  enrol,
  getParticipant,
  listGroupParticipants,
  listParticipants,
  recordMeeting,
  saveAssessment,
  saveLanguages,
} from './participants.ts';
import { changeProgramme, createProgramme, getProgramme, listProgrammes } from './programmes.ts';
import {
  reportFileQuery,
  reportQuery,
  reportResponse,
  assessmentBody,
  attendanceBody,
  attendanceResponse,
  careerPlanBody,
  enrolmentBody,
  enrolmentResponse,
  followUpBody,
  followUpResponse,
  goalsBody,
  languagesBody,
  leavingBody,
  leavingResponse,
  meetingBody,
  participantBody,
  participantIndexResponse,
  participantListResponse,
  participantParams,
  participantResponse,
  participantScheduleResponse,
  taskListResponse,
  coachListResponse,
  groupBody,
  groupListResponse,
  groupResponse,
  newProgrammeBody,
  programmeBody,
  programmeCreatedResponse,
  programmeIdParams,
  programmeListResponse,
  programmeResponse,
  programmeVersionResponse,
  sessionChangeBody,
  sessionListResponse,
  sessionParams,
} from './schema.ts';

export async function coachingRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['coaching'];

  app.get(
    '/api/v1/coaching/programmes',
    { config: { access: 'coaching.programmes' }, schema: { tags, response: { 200: programmeListResponse } } },
    async () => listProgrammes(ctx.db),
  );
  app.post(
    '/api/v1/coaching/programmes',
    { config: { access: 'coaching.programmes.manage' }, schema: { tags, body: newProgrammeBody, response: programmeCreatedResponse } },
    async (request, reply) => reply.code(201).send(await createProgramme(ctx, whoOf(request), request.body)),
  );
  app.get(
    '/api/v1/coaching/programmes/:id',
    { config: { access: 'coaching.programmes' }, schema: { tags, params: programmeIdParams, response: { 200: programmeResponse } } },
    async (request) => getProgramme(ctx.db, request.params.id),
  );
  app.put(
    '/api/v1/coaching/programmes/:id',
    {
      config: { access: 'coaching.programmes.manage' },
      schema: { tags, params: programmeIdParams, body: programmeBody, response: programmeVersionResponse },
    },
    async (request) => changeProgramme(ctx, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/coaching/groups',
    { config: { access: 'coaching.groups' }, schema: { tags, response: { 200: groupListResponse } } },
    async (request) => listGroups(ctx, whoOf(request)),
  );
  app.post(
    '/api/v1/coaching/groups',
    { config: { access: 'coaching.groups.manage' }, schema: { tags, body: groupBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await createGroup(ctx, whoOf(request), request.body)),
  );
  app.get(
    '/api/v1/coaching/groups/:id',
    { config: { access: 'coaching.groups' }, schema: { tags, params: idParams, response: { 200: groupResponse } } },
    async (request) => getGroup(ctx, whoOf(request), request.params.id),
  );
  app.get(
    '/api/v1/coaching/groups/:id/sessions',
    { config: { access: 'coaching.groups' }, schema: { tags, params: idParams, response: { 200: sessionListResponse } } },
    async (request) => listSessions(ctx, whoOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/coaching/groups/:id/sessions/:itemId',
    {
      config: { access: 'coaching.groups.manage' },
      schema: { tags, params: sessionParams, body: sessionChangeBody, response: emptyResponse },
    },
    async (request, reply) => {
      await changeSession(ctx, whoOf(request), request.params.id, request.params.itemId, request.body);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/coaching/groups/:id/calendar',
    { config: { access: 'coaching.groups.manage' }, schema: { tags, params: idParams, response: fileResponse('text/calendar') } },
    async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="polku-coaching.ics"')
        .send(await groupCalendar(ctx, whoOf(request), request.params.id, request.language)),
  );
  app.get(
    '/api/v1/coaching/coaches',
    { config: { access: 'coaching.groups.manage' }, schema: { tags, response: { 200: coachListResponse } } },
    async () => listCoaches(ctx.db),
  );

  app.post(
    '/api/v1/coaching/participants',
    { config: { access: 'coaching.participants.manage' }, schema: { tags, body: participantBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await createParticipant(ctx, whoOf(request), request.body)),
  );
  app.get(
    '/api/v1/coaching/participants',
    { config: { access: 'coaching.participants' }, schema: { tags, response: { 200: participantIndexResponse } } },
    async (request) => listParticipants(ctx, whoOf(request)),
  );
  app.get(
    '/api/v1/coaching/participants/:id',
    { config: { access: 'coaching.participants' }, schema: { tags, params: idParams, response: { 200: participantResponse } } },
    async (request) => getParticipant(ctx, whoOf(request), request.params.id),
  );
  app.get(
    '/api/v1/coaching/participants/:id/schedule',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: idParams, response: { 200: participantScheduleResponse } },
    },
    async (request) => participantSchedule(ctx, whoOf(request), request.params.id),
  );
  app.put(
    '/api/v1/coaching/participants/:id/assessment',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: idParams, body: assessmentBody, response: emptyResponse },
    },
    async (request, reply) => {
      await saveAssessment(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/v1/coaching/participants/:id/languages',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: idParams, body: languagesBody, response: emptyResponse },
    },
    async (request, reply) => {
      await saveLanguages(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/coaching/participants/:id/meetings',
    { config: { access: 'coaching.participants' }, schema: { tags, params: idParams, body: meetingBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await recordMeeting(ctx, whoOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/coaching/groups/:id/participants',
    { config: { access: 'coaching.groups' }, schema: { tags, params: idParams, response: { 200: participantListResponse } } },
    async (request) => listGroupParticipants(ctx, whoOf(request), request.params.id),
  );
  app.post(
    '/api/v1/coaching/groups/:id/enrolments',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: idParams, body: enrolmentBody, response: enrolmentResponse },
    },
    async (request) => enrol(ctx, whoOf(request), request.params.id, request.body, request.language),
  );
  app.get(
    '/api/v1/coaching/groups/:id/attendance',
    { config: { access: 'coaching.groups' }, schema: { tags, params: idParams, response: { 200: attendanceResponse } } },
    async (request) => attendanceGrid(ctx, whoOf(request), request.params.id),
  );
  app.put(
    '/api/v1/coaching/groups/:id/sessions/:itemId/attendance',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: sessionParams, body: attendanceBody, response: emptyResponse },
    },
    async (request, reply) => {
      await saveAttendance(ctx, whoOf(request), request.params.id, request.params.itemId, request.body);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/v1/coaching/groups/:id/participants/:participantId/goals',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: participantParams, body: goalsBody, response: emptyResponse },
    },
    async (request, reply) => {
      await saveGoals(ctx, whoOf(request), request.params.id, request.params.participantId, request.body);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/v1/coaching/groups/:id/participants/:participantId/plan',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: participantParams, body: careerPlanBody, response: emptyResponse },
    },
    async (request, reply) => {
      await saveCareerPlan(ctx, whoOf(request), request.params.id, request.params.participantId, request.body.careerPlan);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/coaching/groups/:id/participants/:participantId/follow-ups',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: participantParams, body: followUpBody, response: followUpResponse },
    },
    async (request) => recordFollowUp(ctx, whoOf(request), request.params.id, request.params.participantId, request.body),
  );
  app.post(
    '/api/v1/coaching/groups/:id/participants/:participantId/leaving',
    {
      config: { access: 'coaching.participants.manage' },
      schema: { tags, params: participantParams, body: leavingBody, response: leavingResponse },
    },
    async (request) => recordLeaving(ctx, whoOf(request), request.params.id, request.params.participantId, request.body),
  );
  app.get(
    '/api/v1/coaching/tasks',
    { config: { access: 'coaching.tasks' }, schema: { tags, response: { 200: taskListResponse } } },
    async (request) => myTasks(ctx, whoOf(request)),
  );
  app.post(
    '/api/v1/coaching/tasks/:id/done',
    { config: { access: 'coaching.tasks' }, schema: { tags, params: idParams, response: emptyResponse } },
    async (request, reply) => {
      await completeTask(ctx, whoOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/coaching/groups/:id/report',
    {
      config: { access: 'coaching.reports.published' },
      schema: { tags, params: idParams, querystring: reportQuery, response: { 200: reportResponse } },
    },
    async (request) => groupReport(ctx, whoOf(request), request.params.id, request.query.form ?? 'published'),
  );
  app.get(
    '/api/v1/coaching/programmes/:id/report',
    {
      config: { access: 'coaching.reports.published' },
      schema: { tags, params: programmeIdParams, querystring: reportQuery, response: { 200: reportResponse } },
    },
    async (request) => programmeReport(ctx, whoOf(request), request.params.id, request.query.form ?? 'published', request.language),
  );
  app.get(
    '/api/v1/coaching/programmes/:id/report/file',
    {
      config: { access: 'coaching.reports.published' },
      schema: {
        tags,
        params: programmeIdParams,
        querystring: reportFileQuery,
        response: fileResponse('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      },
    },
    async (request, reply) => {
      const { format, form } = request.query;
      const shown = await programmeReport(ctx, whoOf(request), request.params.id, form ?? 'published', request.language);
      const rows = reportRows(shown, request.language);
      reply.header(
        'content-disposition',
        `attachment; filename="coaching-${request.params.id}-${shown.form}${format === 'csv-semicolon' ? '-semicolon' : ''}.${format === 'xlsx' ? 'xlsx' : 'csv'}"`,
      );
      if (format !== 'xlsx') return reply.type('text/csv; charset=utf-8').send(toCsv(rows, format === 'csv' ? ',' : ';'));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(toXlsx(rows, shown.name)));
    },
  );
}
