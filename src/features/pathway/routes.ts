import type { Api } from '../../server/context.ts';
import { accessReason, accessReasonHeaders } from '../../server/accessReason.ts';
import { whoOf } from '../../server/requestContext.ts';
import { createdResponse, emptyResponse, fileResponse, idParams } from '../../server/schemaParts.ts';
import { toCsv, toXlsx } from '../statistics/index.ts';
import { recordCheckpoint } from './checkpoints.ts';
import { createPlan, planVersions, revisePlan } from './plans.ts';
import { recordProgress } from './progress.ts';
import { addDirectoryEntry, listDirectory, proposeService, stepService } from './services.ts';
import { addEmployer, listEmployers, recordPlacement } from './safeWork.ts';
import { distanceTravelled } from './distance.ts';
import { outcomeReport } from './outcomes.ts';
import { outcomeRows } from './outcomeRows.ts';
import {
  checkpointBody,
  directoryBody,
  directoryResponse,
  distanceResponse,
  employerBody,
  employersResponse,
  outcomeFileQuery,
  outcomeParams,
  outcomeQuery,
  outcomeResponse,
  placementBody,
  pathwayServiceBody,
  planBody,
  planParams,
  planRevisionBody,
  planVersionsResponse,
  progressBody,
  serviceParams,
  serviceStepBody,
} from './schema.ts';

/** The path to work on a client's record: every write admits the roles, the service asks the policy about the field group. */
export async function pathwayRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['pathway'];
  const write = { access: 'clients.write' } as const;

  app.post(
    '/api/v1/clients/:id/plans',
    { config: write, schema: { tags, params: idParams, body: planBody, response: createdResponse } },
    async (request, reply) =>
      reply.code(201).send(await createPlan(ctx, whoOf(request), request.params.id, request.body, request.language)),
  );
  app.post(
    '/api/v1/clients/:id/plans/:planId/versions',
    {
      config: write,
      schema: {
        tags,
        params: planParams,
        body: planRevisionBody,
        response: { 201: { type: 'object', properties: { version: { type: 'integer' } } } },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await revisePlan(ctx, whoOf(request), request.params.id, request.params.planId, request.body, request.language)),
  );
  app.get(
    '/api/v1/clients/:id/plans/:planId/versions',
    {
      config: { access: 'clients.read' },
      schema: { tags, params: planParams, headers: accessReasonHeaders, response: { 200: planVersionsResponse } },
    },
    async (request) => planVersions(ctx, whoOf(request), request.params.id, request.params.planId, accessReason(request)),
  );
  app.post(
    '/api/v1/clients/:id/checkpoints',
    { config: write, schema: { tags, params: idParams, body: checkpointBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await recordCheckpoint(ctx, whoOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/clients/:id/pathway-services',
    { config: write, schema: { tags, params: idParams, body: pathwayServiceBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await proposeService(ctx, whoOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/clients/:id/pathway-services/:serviceId/steps',
    { config: write, schema: { tags, params: serviceParams, body: serviceStepBody, response: emptyResponse } },
    async (request, reply) => {
      await stepService(ctx, whoOf(request), request.params.id, request.params.serviceId, request.body);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/clients/:id/progress',
    { config: write, schema: { tags, params: idParams, body: progressBody, response: createdResponse } },
    async (request, reply) =>
      reply.code(201).send(await recordProgress(ctx, whoOf(request), request.params.id, request.body, request.language)),
  );
  app.get(
    '/api/v1/pathway/directory',
    { config: { access: 'pathway.directory' }, schema: { tags, response: { 200: directoryResponse } } },
    async () => listDirectory(ctx),
  );
  app.post(
    '/api/v1/pathway/directory',
    { config: { access: 'pathway.directory.manage' }, schema: { tags, body: directoryBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await addDirectoryEntry(ctx, whoOf(request), request.body)),
  );
  app.post(
    '/api/v1/clients/:id/placements',
    { config: write, schema: { tags, params: idParams, body: placementBody, response: createdResponse } },
    async (request, reply) =>
      reply.code(201).send(await recordPlacement(ctx, whoOf(request), request.params.id, request.body, request.language)),
  );
  app.get(
    '/api/v1/pathway/employers',
    { config: { access: 'pathway.directory' }, schema: { tags, response: { 200: employersResponse } } },
    async () => listEmployers(ctx),
  );
  app.post(
    '/api/v1/pathway/employers',
    { config: { access: 'pathway.directory.manage' }, schema: { tags, body: employerBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await addEmployer(ctx, whoOf(request), request.body)),
  );
  app.get(
    '/api/v1/pathway/distance-travelled',
    { config: { access: 'pathway.reports' }, schema: { tags, response: { 200: distanceResponse } } },
    async (request) => distanceTravelled(ctx, whoOf(request)),
  );
  // The outcome report: the route admits the published form's readers; the service decides the form.
  const outcomes = { access: 'pathway.outcomes.published' } as const;
  app.get(
    '/api/v1/pathway/outcomes/:year',
    { config: outcomes, schema: { tags, params: outcomeParams, querystring: outcomeQuery, response: { 200: outcomeResponse } } },
    async (request) => outcomeReport(ctx, whoOf(request), Number(request.params.year), request.query.form ?? 'published'),
  );
  app.get(
    '/api/v1/pathway/outcomes/:year/file',
    {
      config: outcomes,
      schema: {
        tags,
        params: outcomeParams,
        querystring: outcomeFileQuery,
        response: fileResponse('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      },
    },
    async (request, reply) => {
      const { format, form } = request.query;
      const report = await outcomeReport(ctx, whoOf(request), Number(request.params.year), form ?? 'published');
      const rows = outcomeRows(report, request.language);
      const name = `polku-outcomes-${report.year}-${report.form}${format === 'csv-semicolon' ? '-semicolon' : ''}`;
      reply.header('content-disposition', `attachment; filename="${name}.${format === 'xlsx' ? 'xlsx' : 'csv'}"`);
      if (format !== 'xlsx') return reply.type('text/csv; charset=utf-8').send(toCsv(rows, format === 'csv' ? ',' : ';'));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(toXlsx(rows, `Polku ${report.year}`)));
    },
  );
}
