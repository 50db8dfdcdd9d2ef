import type { Api } from '../../server/context.ts';
import { reflectionGrantors } from '../../core/codes.ts';
import { date, emptyResponse, idParams, integer, objectBody, optionalString, responseList, string, uuid } from '../../server/schemaParts.ts';
import { inGroup } from '../../server/schemaParts.ts';
import { changeReflectionPeriod, grantReflectionPeriod, reflectionOverview } from './service.ts';
import { whoOf } from '../../server/requestContext.ts';

type Params = { Params: { id: string; start: string } };

/** How near the end a period is: 30, 14 or 7 days, or ended. */
const warning = { anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] };

export async function reflectionRoutes(app: Api) {
  const ctx = app.polku;

  app.post<Params>('/api/v1/clients/:id/reflection-periods', {
    config: { access: 'clients.write' },
    schema: {
      tags: ['reflection'], params: idParams, response: emptyResponse,
      body: objectBody(['grantedBy', 'start', 'end'], { grantedBy: { type: 'string', enum: [...reflectionGrantors] }, start: date, end: date }),
    },
  }, async (request, reply) => {
    await grantReflectionPeriod(ctx, whoOf(request), request.params.id, request.body as { grantedBy: string; start: string; end: string });
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
    await changeReflectionPeriod(ctx, whoOf(request), request.params.id, request.params.start, request.body as Parameters<typeof changeReflectionPeriod>[4]);
    return reply.code(204).send();
  });

  app.get('/api/v1/reflection-periods/ending', {
    config: { access: 'reflection.overview' },
    schema: {
      tags: ['reflection'],
      response: {
        200: responseList({
          clientId: inGroup('record', string), name: inGroup('identity', optionalString), grantedBy: inGroup('immigration', string), start: inGroup('immigration', string),
          end: inGroup('immigration', string), daysLeft: inGroup('immigration', integer), warning: inGroup('immigration', warning),
        }),
      },
    },
  }, async (request) => reflectionOverview(ctx, whoOf(request)));
}
