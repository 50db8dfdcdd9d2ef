import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reflectionGrantors } from '../../core/codes.ts';
import { date, emptyResponse, idParams, objectBody, uuid } from '../../server/schemaParts.ts';
import { changeReflectionPeriod, grantReflectionPeriod, reflectionOverview } from './service.ts';

type Params = { Params: { id: string; start: string } };

export async function reflectionRoutes(app: FastifyInstance) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({ actor: request.actor!, ip: request.ip });

  app.post<Params>('/api/v1/clients/:id/reflection-periods', {
    config: { access: 'clients.write' },
    schema: {
      tags: ['reflection'], params: idParams, response: emptyResponse,
      body: objectBody(['grantedBy', 'start', 'end'], { grantedBy: { type: 'string', enum: [...reflectionGrantors] }, start: date, end: date }),
    },
  }, async (request, reply) => {
    await grantReflectionPeriod(ctx, who(request), request.params.id, request.body as { grantedBy: string; start: string; end: string });
    return reply.code(204).send();
  });

  app.patch<Params>('/api/v1/clients/:id/reflection-periods/:start', {
    config: { access: 'clients.write' },
    schema: {
      tags: ['reflection'], params: { type: 'object', required: ['id', 'start'], properties: { id: uuid, start: date } }, response: emptyResponse,
      body: {
        oneOf: [
          objectBody(['extendTo'], { extendTo: date }),
          objectBody(['interruptOn'], { interruptOn: date }),
        ],
      },
    },
  }, async (request, reply) => {
    await changeReflectionPeriod(ctx, who(request), request.params.id, request.params.start, request.body as Parameters<typeof changeReflectionPeriod>[4]);
    return reply.code(204).send();
  });

  app.get('/api/v1/reflection-periods/ending', { config: { access: 'reflection.overview' }, schema: { tags: ['reflection'] } }, async (request) => reflectionOverview(ctx, who(request)));
}
