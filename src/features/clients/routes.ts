import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldGroups, type FieldGroup } from '../../core/policy/policy.ts';
import { genders } from '../../core/codes.ts';
import { headerText } from '../../server/inputText.ts';
import { idParams, name, optionalText } from '../../server/schemaParts.ts';
import { clientAccessLog, createClient, listClients, readClient, shareClient, type NewClient } from './service.ts';

type IdParams = { Params: { id: string } };

/** The reason for opening a record outside one's own cases travels in a header, never in the URL. */
const REASON_HEADER = 'x-polku-access-reason';

export async function clientRoutes(app: FastifyInstance) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({ actor: request.actor!, ip: request.ip });

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
  }, async (request, reply) => reply.code(201).send(await createClient(ctx, who(request), request.body as NewClient)));

  app.get('/api/v1/clients', {
    config: { access: 'clients.list' },
    schema: { tags: ['clients'], response: { 200: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: ['string', 'null'] }, officeId: { type: ['string', 'null'] } } } } } },
  }, async (request) => listClients(ctx, who(request)));

  app.get<IdParams>('/api/v1/clients/:id', {
    config: { access: 'clients.read' },
    schema: {
      tags: ['clients'], params: idParams,
      headers: { type: 'object', properties: { [REASON_HEADER]: { type: 'string', maxLength: 2000 } } },
      response: {
        200: {
          // The record's parts (services, notes, timeline, …) follow the field groups the policy grants.
          type: 'object', additionalProperties: true,
          properties: {
            id: { type: 'string' }, officeId: { type: ['string', 'null'] }, relationship: { type: 'string' },
            readable: { type: 'array', items: { type: 'string' } }, writable: { type: 'array', items: { type: 'string' } },
            identity: {
              type: 'object',
              properties: {
                name: { type: ['string', 'null'] }, birthDate: { type: ['string', 'null'] }, birthDateEstimated: { type: 'boolean' }, gender: { type: 'string' }, nationality: { type: 'string' },
                languages: { type: 'array', items: { type: 'string' } }, interpreterNeeded: { type: 'boolean' },
              },
            },
            contact: { type: 'object', properties: { contact: { type: ['string', 'null'] }, whereabouts: { type: ['string', 'null'] } } },
          },
        },
      },
    },
  }, async (request) => {
    return readClient(ctx, who(request), request.params.id, headerText(request, REASON_HEADER));
  });

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
    await shareClient(ctx, who(request), request.params.id, body.organisationId, body.fieldGroups);
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
  }, async (request) => clientAccessLog(ctx, who(request), request.params.id));
}
