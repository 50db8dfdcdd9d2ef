import type { Api } from '../../server/context.ts';
import { exploitationPlaces, exploitationPurposes, isicSections, meansOfControl, noteSensitivities, recruitmentMethods, residenceStatuses, statutoryServices, terminationReasons } from '../../core/codes.ts';
import { createdResponse, date, emptyResponse, fileResponse, idParams, objectBody, optionalDate, optionalName, optionalString, responseList, string, uuid } from '../../server/schemaParts.ts';
import { attachmentDisposition } from '../../core/fileNames.ts';
import { documentTypes, downloadDocument, MAX_DOCUMENT_MB, uploadDocument } from './documents.ts';
import { whoOf } from '../../server/requestContext.ts';
import { inGroup } from '../../server/schemaParts.ts';
import {
  addChild, addNote, addTask, completeTask, myTasks, recordResidence, recordService, setExploitation, terminateAssistance, updateService,
  type ExploitationInput, type ServiceInput,
} from './service.ts';

type Params = { Params: { id: string; itemId: string } };
const itemParams = { type: 'object', required: ['id', 'itemId'], properties: { id: uuid, itemId: uuid } } as const;

/** Recording on a client's record: every route admits the roles, the service asks the policy about the field group. */
export async function caseworkRoutes(app: Api) {
  const ctx = app.polku;
  const write = { access: 'clients.write' } as const;

  app.post<Params>('/api/v1/clients/:id/services', {
    config: write,
    schema: { tags: ['casework'], params: idParams, response: createdResponse, body: objectBody(['service', 'requestedOn'], { service: { type: 'string', enum: [...statutoryServices] }, requestedOn: date, arrangedOn: optionalDate, endedOn: optionalDate, provider: optionalName(200) }) },
  }, async (request, reply) => reply.code(201).send(await recordService(ctx, whoOf(request), request.params.id, request.body as ServiceInput)));

  app.patch<Params>('/api/v1/clients/:id/services/:itemId', {
    config: write,
    schema: { tags: ['casework'], params: itemParams, response: emptyResponse, body: { ...objectBody([], { arrangedOn: optionalDate, endedOn: optionalDate, provider: optionalName(200) }), minProperties: 1 } },
  }, async (request, reply) => {
    await updateService(ctx, whoOf(request), request.params.id, request.params.itemId, request.body as Parameters<typeof updateService>[4]);
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/notes', {
    config: write,
    schema: { tags: ['casework'], params: idParams, response: createdResponse, body: objectBody(['sensitivity', 'body'], { sensitivity: { type: 'string', enum: [...noteSensitivities] }, body: { type: 'string', minLength: 1, maxLength: 20000 } }) },
  }, async (request, reply) => reply.code(201).send(await addNote(ctx, whoOf(request), request.params.id, request.body as Parameters<typeof addNote>[3])));

  app.post<Params>('/api/v1/clients/:id/tasks', {
    config: write,
    schema: { tags: ['casework'], params: idParams, response: createdResponse, body: objectBody(['title', 'dueOn'], { title: { type: 'string', minLength: 1, maxLength: 500 }, dueOn: date, assigneeId: uuid }) },
  }, async (request, reply) => reply.code(201).send(await addTask(ctx, whoOf(request), request.params.id, request.body as Parameters<typeof addTask>[3])));

  app.put<Params>('/api/v1/clients/:id/tasks/:itemId/done', {
    config: write,
    schema: { tags: ['casework'], params: itemParams, response: emptyResponse, body: objectBody(['done'], { done: { type: 'boolean' } }) },
  }, async (request, reply) => {
    await completeTask(ctx, whoOf(request), request.params.id, request.params.itemId, (request.body as { done: boolean }).done);
    return reply.code(204).send();
  });

  app.get('/api/v1/me/tasks', {
    config: { access: 'tasks.mine' },
    schema: {
      tags: ['casework'],
      response: { 200: responseList({ id: inGroup('record', string), clientId: inGroup('record', string), clientName: inGroup('identity', optionalString), title: inGroup('notes', string), dueOn: inGroup('notes', string) }) },
    },
  }, async (request) => myTasks(ctx, whoOf(request)));

  app.post<Params>('/api/v1/clients/:id/residence', {
    config: write,
    schema: { tags: ['casework'], params: idParams, response: emptyResponse, body: objectBody(['status', 'at'], { status: { type: 'string', enum: [...residenceStatuses] }, at: date }) },
  }, async (request, reply) => {
    await recordResidence(ctx, whoOf(request), request.params.id, request.body as { status: string; at: string });
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/children', {
    config: write,
    schema: { tags: ['casework'], params: idParams, response: createdResponse, body: objectBody(['birthDate', 'from'], { birthDate: date, from: date }) },
  }, async (request, reply) => reply.code(201).send(await addChild(ctx, whoOf(request), request.params.id, request.body as { birthDate: string; from: string })));

  app.put<Params>('/api/v1/clients/:id/exploitation', {
    config: write,
    schema: {
      tags: ['casework'], params: idParams, response: emptyResponse,
      body: {
        type: 'array', maxItems: 10,
        items: objectBody(['purpose', 'place', 'main', 'minorAtTime'], {
          purpose: { type: 'string', enum: [...exploitationPurposes] }, place: { anyOf: [{ type: 'string', enum: [...exploitationPlaces] }, { type: 'null' }] },
          main: { type: 'boolean' }, minorAtTime: { type: 'boolean' }, sector: { anyOf: [{ type: 'string', enum: [...isicSections] }, { type: 'null' }] },
          meansOfControl: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...meansOfControl] } },
          recruitment: { anyOf: [{ type: 'string', enum: [...recruitmentMethods] }, { type: 'null' }] },
        }),
      },
    },
  }, async (request, reply) => {
    await setExploitation(ctx, whoOf(request), request.params.id, request.body as ExploitationInput[]);
    return reply.code(204).send();
  });

  app.post<Params>('/api/v1/clients/:id/termination', {
    config: write,
    schema: { tags: ['casework'], params: idParams, response: emptyResponse, body: objectBody(['reason'], { reason: { type: 'string', enum: [...terminationReasons] }, at: { type: 'string', format: 'date-time' } }) },
  }, async (request, reply) => {
    await terminateAssistance(ctx, whoOf(request), request.params.id, request.body as { reason: string; at?: string });
    return reply.code(204).send();
  });

  // Base64 in JSON keeps uploads on the one JSON path with its CSRF and validation; 5 MB becomes about 6.7 MB.
  app.post<Params>('/api/v1/clients/:id/documents', {
    config: write, bodyLimit: Math.ceil(MAX_DOCUMENT_MB * 1024 * 1024 * 1.4),
    schema: {
      tags: ['casework'], params: idParams, response: createdResponse,
      body: objectBody(['fileName', 'mediaType', 'contentBase64'], { fileName: { type: 'string', minLength: 1, maxLength: 1000 }, mediaType: { type: 'string', enum: documentTypes }, contentBase64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } }),
    },
  }, async (request, reply) => reply.code(201).send(await uploadDocument(ctx, whoOf(request), request.params.id, request.body as Parameters<typeof uploadDocument>[3])));

  app.get<Params>('/api/v1/clients/:id/documents/:itemId', { config: { access: 'clients.read' }, schema: { tags: ['casework'], params: itemParams, response: fileResponse('application/octet-stream') } }, async (request, reply) => {
    const document = await downloadDocument(ctx, whoOf(request), request.params.id, request.params.itemId);
    // Always a download, never rendered in Polku's origin; the name's rules are cleanFileName's (core/fileNames.ts).
    return reply.type(document.mediaType).header('content-disposition', attachmentDisposition(document.fileName)).send(document.content);
  });
}
