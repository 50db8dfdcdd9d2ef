import type { Api } from '../../server/context.ts';
import { whoOf } from '../../server/requestContext.ts';
import { createdResponse, emptyResponse, fileResponse, idParams } from '../../server/schemaParts.ts';
import { toCsv, toXlsx } from '../statistics/index.ts';
import { answerConsultation, listConsultations, readConsultation, recordConsultation } from './consultations.ts';
import { checkGuideConsultationLimit, receiveGuideConsultation } from './guide.ts';
import { competenceOverview, overviewRows } from './overview.ts';
import {
  answerBody,
  consultationBody,
  consultationListResponse,
  consultationResponse,
  guideConsultationBody,
  overviewFileQuery,
  overviewQuery,
  overviewResponse,
  trainingBody,
  trainingListResponse,
} from './schema.ts';
import { listTraining, recordTraining } from './training.ts';

export async function consultationRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['consultations'];

  app.post(
    '/api/v1/public/consultations',
    {
      config: { access: 'public' },
      schema: { tags, body: guideConsultationBody, response: { 202: { type: 'object', properties: { received: { type: 'boolean' } } } } },
    },
    async (request, reply) => {
      await checkGuideConsultationLimit(ctx, request.ip);
      await receiveGuideConsultation(ctx, request.body);
      // Nothing that identifies the consultation goes back: the page shows only that it arrived.
      return reply.code(202).send({ received: true });
    },
  );

  app.get(
    '/api/v1/consultations',
    { config: { access: 'consultations.list' }, schema: { tags, response: { 200: consultationListResponse } } },
    async () => listConsultations(ctx),
  );
  app.post(
    '/api/v1/consultations',
    { config: { access: 'consultations.record' }, schema: { tags, body: consultationBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await recordConsultation(ctx, whoOf(request), request.body)),
  );
  app.get(
    '/api/v1/consultations/overview',
    { config: { access: 'consultations.list' }, schema: { tags, querystring: overviewQuery, response: { 200: overviewResponse } } },
    async (request) => competenceOverview(ctx, Number(request.query.year)),
  );
  app.get(
    '/api/v1/consultations/overview/download',
    {
      config: { access: 'consultations.list' },
      schema: {
        tags,
        querystring: overviewFileQuery,
        response: fileResponse('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      },
    },
    async (request, reply) => {
      const year = Number(request.query.year);
      const rows = overviewRows(await competenceOverview(ctx, year), request.language);
      const format = request.query.format;
      reply.header('content-disposition', `attachment; filename="polku-competence-centre-${year}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows, ';'));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(toXlsx(rows, `Polku ${year}`)));
    },
  );
  app.get(
    '/api/v1/consultations/:id',
    { config: { access: 'consultations.read' }, schema: { tags, params: idParams, response: { 200: consultationResponse } } },
    async (request) => readConsultation(ctx, whoOf(request), request.params.id),
  );
  app.post(
    '/api/v1/consultations/:id/answer',
    { config: { access: 'consultations.record' }, schema: { tags, params: idParams, body: answerBody, response: emptyResponse } },
    async (request, reply) => {
      await answerConsultation(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/training',
    { config: { access: 'training.list' }, schema: { tags, response: { 200: trainingListResponse } } },
    async () => listTraining(ctx),
  );
  app.post(
    '/api/v1/training',
    { config: { access: 'training.record' }, schema: { tags, body: trainingBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await recordTraining(ctx, whoOf(request), request.body)),
  );
}
