import type { Api } from '../../server/context.ts';
import { expertAuthorities, identificationOutcomes } from '../../core/codes.ts';
import { createdResponse, date, emptyResponse, idParams, integer, name, objectBody, optionalString, responseList, string, uuid } from '../../server/schemaParts.ts';
import { inGroup } from '../../server/schemaParts.ts';
import { addExpert, decideIdentification, identificationQueue, recordStatement, requestIdentification, setMeetingDate } from './service.ts';
import { whoOf } from '../../server/requestContext.ts';

type Params = { Params: { id: string; expertId: string } };

export async function identificationRoutes(app: Api) {
  const ctx = app.polku;
  const write = { access: 'clients.write' } as const;

  app.post<Params>('/api/v1/clients/:id/identification', { config: write, schema: { tags: ['identification'], params: idParams, response: emptyResponse } }, async (request, reply) => {
    await requestIdentification(ctx, whoOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/identification/experts', {
    config: write,
    schema: { tags: ['identification'], params: idParams, response: createdResponse, body: objectBody(['authority', 'memberName'], { authority: { type: 'string', enum: [...expertAuthorities] }, memberName: name(200, 1) }) },
  }, async (request, reply) => reply.code(201).send(await addExpert(ctx, whoOf(request), request.params.id, request.body as { authority: string; memberName: string })));

  app.put<Params>('/api/v1/clients/:id/identification/experts/:expertId/statement', {
    config: write,
    schema: { tags: ['identification'], params: { type: 'object', required: ['id', 'expertId'], properties: { id: uuid, expertId: uuid } }, response: emptyResponse, body: objectBody(['statement'], { statement: { type: 'string', minLength: 1, maxLength: 20000 } }) },
  }, async (request, reply) => {
    await recordStatement(ctx, whoOf(request), request.params.id, request.params.expertId, (request.body as { statement: string }).statement);
    return reply.code(204).send();
  });

  app.put<Params>('/api/v1/clients/:id/identification/meeting', {
    config: write,
    schema: { tags: ['identification'], params: idParams, response: emptyResponse, body: objectBody(['meetingDate'], { meetingDate: date }) },
  }, async (request, reply) => {
    await setMeetingDate(ctx, whoOf(request), request.params.id, (request.body as { meetingDate: string }).meetingDate);
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/identification/decision', {
    config: { access: 'identification.decide' },
    schema: { tags: ['identification'], params: idParams, response: emptyResponse, body: objectBody(['outcome', 'clientTold'], { outcome: { type: 'string', enum: [...identificationOutcomes] }, clientTold: { type: 'boolean' } }) },
  }, async (request, reply) => {
    await decideIdentification(ctx, whoOf(request), request.params.id, request.body as Parameters<typeof decideIdentification>[3]);
    return reply.code(204).send();
  });

  app.get('/api/v1/identification/queue', {
    config: { access: 'identification.queue' },
    schema: {
      tags: ['identification'],
      response: {
        200: responseList({
          clientId: inGroup('record', string), officeId: inGroup('record', optionalString), name: inGroup('identity', optionalString), requestedAt: inGroup('case', string),
          waitedDays: inGroup('case', integer), started: inGroup('case', { type: 'boolean' }), meetingDate: inGroup('case', optionalString), statements: inGroup('case', integer),
        }),
      },
    },
  }, async (request) => identificationQueue(ctx, whoOf(request)));
}
