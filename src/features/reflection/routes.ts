import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reflectionGrantors } from '../../core/codes.ts';
import { changeReflectionPeriod, grantReflectionPeriod, reflectionOverview } from './service.ts';

type Params = { Params: { id: string; start: string } };
const date = { type: 'string', format: 'date' } as const;

export async function reflectionRoutes(app: FastifyInstance) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({ actor: request.actor!, ip: request.ip });

  app.post<Params>('/api/v1/clients/:id/reflection-periods', {
    config: { access: 'clients.write' },
    schema: {
      tags: ['reflection'], params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }, response: { 204: { type: 'null' } },
      body: { type: 'object', additionalProperties: false, required: ['grantedBy', 'start', 'end'], properties: { grantedBy: { type: 'string', enum: [...reflectionGrantors] }, start: date, end: date } },
    },
  }, async (request, reply) => {
    await grantReflectionPeriod(ctx, who(request), request.params.id, request.body as { grantedBy: string; start: string; end: string });
    return reply.code(204).send();
  });

  app.patch<Params>('/api/v1/clients/:id/reflection-periods/:start', {
    config: { access: 'clients.write' },
    schema: {
      tags: ['reflection'], params: { type: 'object', required: ['id', 'start'], properties: { id: { type: 'string', format: 'uuid' }, start: date } }, response: { 204: { type: 'null' } },
      body: {
        oneOf: [
          { type: 'object', additionalProperties: false, required: ['extendTo'], properties: { extendTo: date } },
          { type: 'object', additionalProperties: false, required: ['interruptOn'], properties: { interruptOn: date } },
        ],
      },
    },
  }, async (request, reply) => {
    await changeReflectionPeriod(ctx, who(request), request.params.id, request.params.start, request.body as { extendTo: string });
    return reply.code(204).send();
  });

  app.get('/api/v1/reflection-periods/ending', { config: { access: 'reflection.overview' }, schema: { tags: ['reflection'] } }, async (request) => reflectionOverview(ctx, who(request)));
}
