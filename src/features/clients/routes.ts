import type { Api } from '../../server/context.ts';
import { emptyResponse, idParams } from '../../server/schemaParts.ts';
import { clientAccessLog, createClient, listClients, readClient, shareClient } from './service.ts';
import { accessLogResponse, newClientBody, shareBody } from './schema.ts';
import { whoOf } from '../../server/requestContext.ts';
import { accessReason, accessReasonHeaders } from '../../server/accessReason.ts';
import { clientListSchema, clientRecordSchema } from './recordSchema.ts';
import type { Composition } from '../../server/feature.ts';

export async function clientRoutes(app: Api, { recordParts }: Composition) {
  const ctx = app.polku;

  app.post(
    '/api/v1/clients',
    {
      config: { access: 'clients.create' },
      schema: { tags: ['clients'], body: newClientBody, response: { 201: { type: 'object', properties: { id: { type: 'string' } } } } },
    },
    async (request, reply) => reply.code(201).send(await createClient(ctx, whoOf(request), request.body)),
  );

  app.get(
    '/api/v1/clients',
    {
      config: { access: 'clients.list' },
      schema: { tags: ['clients'], response: { 200: clientListSchema } },
    },
    async (request) => listClients(ctx, whoOf(request)),
  );

  app.get(
    '/api/v1/clients/:id',
    {
      config: { access: 'clients.read' },
      schema: {
        tags: ['clients'],
        params: idParams,
        headers: accessReasonHeaders,
        response: { 200: clientRecordSchema(recordParts) },
      },
    },
    async (request) => readClient(ctx, whoOf(request), request.params.id, accessReason(request), recordParts),
  );

  app.put(
    '/api/v1/clients/:id/shares',
    {
      config: { access: 'clients.share' },
      schema: { tags: ['clients'], params: idParams, body: shareBody, response: emptyResponse },
    },
    async (request, reply) => {
      await shareClient(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/clients/:id/access-log',
    {
      config: { access: 'clients.accessLog' },
      schema: { tags: ['clients'], params: idParams, response: { 200: accessLogResponse } },
    },
    async (request) => clientAccessLog(ctx, whoOf(request), request.params.id),
  );
}
