import type { Api } from '../../server/context.ts';
import { fieldGroups, type FieldGroup } from '../../core/policy/policy.ts';
import { genders } from '../../core/codes.ts';
import { idParams, name, optionalText } from '../../server/schemaParts.ts';
import { clientAccessLog, createClient, listClients, readClient, shareClient, type NewClient } from './service.ts';
import { whoOf } from '../../server/requestContext.ts';
import { accessReason, accessReasonHeaders } from '../../server/accessReason.ts';
import { clientListSchema, clientRecordSchema } from './recordSchema.ts';
import type { Composition } from '../../core/feature.ts';

type IdParams = { Params: { id: string } };


export async function clientRoutes(app: Api, { recordParts }: Composition) {
  const ctx = app.polku;

  app.post('/api/v1/clients', {
    config: { access: 'clients.create' },
    schema: {
      tags: ['clients'],
      body: {
        type: 'object', additionalProperties: false, required: ['name', 'birthDate', 'gender', 'nationality'],
        properties: {
          name: name(200, 1),
          birthDate: { type: 'string', format: 'date' },
          gender: { type: 'string', enum: [...genders] },
          nationality: { type: 'string', pattern: '^([A-Z]{2}|stateless|unknown)$' },
          officeId: { type: 'string', minLength: 1, maxLength: 64 },
          contact: optionalText(2000),
          whereabouts: optionalText(2000),
        },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } } },
    },
  }, async (request, reply) => reply.code(201).send(await createClient(ctx, whoOf(request), request.body as NewClient)));

  app.get('/api/v1/clients', {
    config: { access: 'clients.list' },
    schema: { tags: ['clients'], response: { 200: clientListSchema } },
  }, async (request) => listClients(ctx, whoOf(request)));

  app.get<IdParams>('/api/v1/clients/:id', {
    config: { access: 'clients.read' },
    schema: {
      tags: ['clients'], params: idParams,
      headers: accessReasonHeaders,
      response: { 200: clientRecordSchema(recordParts) },
    },
  }, async (request) => readClient(ctx, whoOf(request), request.params.id, accessReason(request), recordParts));

  app.put<IdParams>('/api/v1/clients/:id/shares', {
    config: { access: 'clients.share' },
    schema: {
      tags: ['clients'], params: idParams,
      body: {
        type: 'object', additionalProperties: false, required: ['organisationId', 'fieldGroups'],
        properties: { organisationId: { type: 'string', minLength: 1, maxLength: 64 }, fieldGroups: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...fieldGroups] } } },
      },
      response: { 204: { type: 'null' } },
    },
  }, async (request, reply) => {
    const body = request.body as { organisationId: string; fieldGroups: FieldGroup[] };
    await shareClient(ctx, whoOf(request), request.params.id, body.organisationId, body.fieldGroups);
    return reply.code(204).send();
  });

  app.get<IdParams>('/api/v1/clients/:id/access-log', {
    config: { access: 'clients.accessLog' },
    schema: {
      tags: ['clients'], params: idParams,
      response: {
        200: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              at: { type: 'string' }, actorName: { type: ['string', 'null'] }, actorRole: { type: ['string', 'null'] }, organisationId: { type: ['string', 'null'] },
              action: { type: 'string' }, outcome: { type: 'string' }, fieldGroups: { type: 'array', items: { type: 'string' } }, reason: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
  }, async (request) => clientAccessLog(ctx, whoOf(request), request.params.id));
}
