import type { Api } from '../../server/context.ts';
import { date, emptyResponse, idParams, uuid } from '../../server/schemaParts.ts';
import { reflectionChangeBody, reflectionEndingResponse, reflectionGrantBody } from './schema.ts';
import { changeReflectionPeriod, grantReflectionPeriod, reflectionOverview } from './service.ts';
import { whoOf } from '../../server/requestContext.ts';

export async function reflectionRoutes(app: Api) {
  const ctx = app.polku;

  app.post(
    '/api/v1/clients/:id/reflection-periods',
    {
      config: { access: 'clients.write' },
      schema: { tags: ['reflection'], params: idParams, response: emptyResponse, body: reflectionGrantBody },
    },
    async (request, reply) => {
      await grantReflectionPeriod(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.patch(
    '/api/v1/clients/:id/reflection-periods/:start',
    {
      config: { access: 'clients.write' },
      schema: {
        tags: ['reflection'],
        params: { type: 'object', required: ['id', 'start'], properties: { id: uuid, start: date } },
        response: emptyResponse,
        body: reflectionChangeBody,
      },
    },
    async (request, reply) => {
      await changeReflectionPeriod(ctx, whoOf(request), request.params.id, request.params.start, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/reflection-periods/ending',
    {
      config: { access: 'reflection.overview' },
      schema: { tags: ['reflection'], response: { 200: reflectionEndingResponse } },
    },
    async (request) => reflectionOverview(ctx, whoOf(request)),
  );
}
