import type { Api } from '../../server/context.ts';
import { emptyResponse, idParams } from '../../server/schemaParts.ts';
import { clientAccessLog, createClient, listClients, readClient, readClientPage, shareClient } from './service.ts';
import { accessLogResponse, newClientBody, shareBody } from './schema.ts';
import { whoOf } from '../../server/requestContext.ts';
import { accessReason, accessReasonHeaders } from '../../server/accessReason.ts';
import { clientListSchema, clientRecordSchema, pagedKeys, recordPageSchema } from './recordSchema.ts';
import type { Composition } from '../../server/feature.ts';
import { AppError } from '../../core/errors.ts';
import type { PageOf } from './recordParts.ts';

/** A page's cursor: an item's id, or a timeline sort key (a day, or a Helsinki time with its offset). */
const PAGE_CURSOR = '^([0-9a-f-]{36}|\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?[+-]\\d{2}:\\d{2})?)$';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

  // The next page of notes, documents or the timeline: the record's `more` gives the cursor.
  app.get(
    '/api/v1/clients/:id/pages/:part',
    {
      config: { access: 'clients.read' },
      schema: {
        tags: ['clients'],
        params: {
          type: 'object',
          required: ['id', 'part'],
          properties: { id: idParams.properties.id, part: { type: 'string', enum: pagedKeys(recordParts) } },
        },
        querystring: {
          type: 'object',
          required: ['after'],
          additionalProperties: false,
          // A part's cursor is the id of its last item shown; the timeline's, the sort key of its last event.
          properties: { after: { type: 'string', pattern: PAGE_CURSOR } },
        },
        headers: accessReasonHeaders,
        response: { 200: recordPageSchema(recordParts) },
      },
    },
    async (request) => {
      const { id, part } = request.params as { id: string; part: string };
      const { after } = request.query as { after: string };
      // A part pages by its items' ids, the timeline by its sort keys: the other kind of cursor is not a page.
      if ((part === 'timeline') === uuidPattern.test(after)) throw new AppError(400, 'invalid_request');
      const page: PageOf = part === 'timeline' ? { part, before: after } : { part, after };
      return readClientPage(ctx, whoOf(request), id, accessReason(request), recordParts, page);
    },
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
