import type { Api } from '../../server/context.ts';
import { createdResponse, emptyResponse, idParams, uuid } from '../../server/schemaParts.ts';
import { expertBody, identificationDecisionBody, identificationQueueResponse, meetingBody, statementBody } from './schema.ts';
import { addExpert, decideIdentification, identificationQueue, recordStatement, requestIdentification, setMeetingDate } from './service.ts';
import { whoOf } from '../../server/requestContext.ts';

export async function identificationRoutes(app: Api) {
  const ctx = app.polku;
  const write = { access: 'clients.write' } as const;

  app.post(
    '/api/v1/clients/:id/identification',
    { config: write, schema: { tags: ['identification'], params: idParams, response: emptyResponse } },
    async (request, reply) => {
      await requestIdentification(ctx, whoOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/clients/:id/identification/experts',
    {
      config: write,
      schema: { tags: ['identification'], params: idParams, response: createdResponse, body: expertBody },
    },
    async (request, reply) => reply.code(201).send(await addExpert(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/v1/clients/:id/identification/experts/:expertId/statement',
    {
      config: write,
      schema: {
        tags: ['identification'],
        params: { type: 'object', required: ['id', 'expertId'], properties: { id: uuid, expertId: uuid } },
        response: emptyResponse,
        body: statementBody,
      },
    },
    async (request, reply) => {
      await recordStatement(ctx, whoOf(request), request.params.id, request.params.expertId, request.body.statement);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/v1/clients/:id/identification/meeting',
    {
      config: write,
      schema: { tags: ['identification'], params: idParams, response: emptyResponse, body: meetingBody },
    },
    async (request, reply) => {
      await setMeetingDate(ctx, whoOf(request), request.params.id, request.body.meetingDate);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/clients/:id/identification/decision',
    {
      config: { access: 'identification.decide' },
      schema: { tags: ['identification'], params: idParams, response: emptyResponse, body: identificationDecisionBody },
    },
    async (request, reply) => {
      await decideIdentification(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/identification/queue',
    {
      config: { access: 'identification.queue' },
      schema: { tags: ['identification'], response: { 200: identificationQueueResponse } },
    },
    async (request) => identificationQueue(ctx, whoOf(request)),
  );
}
