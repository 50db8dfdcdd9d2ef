import type { FastifyInstance, FastifyRequest } from 'fastify';
import { expertAuthorities, identificationOutcomes } from '../../core/codes.ts';
import { createdResponse, date, emptyResponse, idParams, objectBody, uuid } from '../../server/schemaParts.ts';
import { addExpert, decideIdentification, identificationQueue, recordStatement, requestIdentification, setMeetingDate } from './service.ts';

type Params = { Params: { id: string; expertId: string } };

export async function identificationRoutes(app: FastifyInstance) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({ actor: request.actor!, ip: request.ip });
  const write = { access: 'clients.write' } as const;

  app.post<Params>('/api/v1/clients/:id/identification', { config: write, schema: { tags: ['identification'], params: idParams, response: emptyResponse } }, async (request, reply) => {
    await requestIdentification(ctx, who(request), request.params.id);
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/identification/experts', {
    config: write,
    schema: { tags: ['identification'], params: idParams, response: createdResponse, body: objectBody(['authority', 'memberName'], { authority: { type: 'string', enum: [...expertAuthorities] }, memberName: { type: 'string', minLength: 1, maxLength: 200 } }) },
  }, async (request, reply) => reply.code(201).send(await addExpert(ctx, who(request), request.params.id, request.body as { authority: string; memberName: string })));

  app.put<Params>('/api/v1/clients/:id/identification/experts/:expertId/statement', {
    config: write,
    schema: { tags: ['identification'], params: { type: 'object', required: ['id', 'expertId'], properties: { id: uuid, expertId: uuid } }, response: emptyResponse, body: objectBody(['statement'], { statement: { type: 'string', minLength: 1, maxLength: 20000 } }) },
  }, async (request, reply) => {
    await recordStatement(ctx, who(request), request.params.id, request.params.expertId, (request.body as { statement: string }).statement);
    return reply.code(204).send();
  });

  app.put<Params>('/api/v1/clients/:id/identification/meeting', {
    config: write,
    schema: { tags: ['identification'], params: idParams, response: emptyResponse, body: objectBody(['meetingDate'], { meetingDate: date }) },
  }, async (request, reply) => {
    await setMeetingDate(ctx, who(request), request.params.id, (request.body as { meetingDate: string }).meetingDate);
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/identification/decision', {
    config: { access: 'identification.decide' },
    schema: { tags: ['identification'], params: idParams, response: emptyResponse, body: objectBody(['outcome', 'clientTold'], { outcome: { type: 'string', enum: [...identificationOutcomes] }, clientTold: { type: 'boolean' } }) },
  }, async (request, reply) => {
    await decideIdentification(ctx, who(request), request.params.id, request.body as Parameters<typeof decideIdentification>[3]);
    return reply.code(204).send();
  });

  app.get('/api/v1/identification/queue', { config: { access: 'identification.queue' }, schema: { tags: ['identification'] } }, async (request) => identificationQueue(ctx, who(request)));
}
