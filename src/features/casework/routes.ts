import type { Api } from '../../server/context.ts';
import { createdResponse, emptyResponse, fileResponse, idParams, uuid } from '../../server/schemaParts.ts';
import { attachmentDisposition } from '../../core/fileNames.ts';
import { downloadDocument, MAX_DOCUMENT_MB, uploadDocument } from './documents.ts';
import { whoOf } from '../../server/requestContext.ts';
import {
  addChild,
  addNote,
  addTask,
  completeTask,
  myTasks,
  recordResidence,
  recordService,
  reopenAssistance,
  setExploitation,
  terminateAssistance,
  updateService,
} from './service.ts';
import {
  childBody,
  documentBody,
  exploitationBody,
  myTasksResponse,
  noteBody,
  reopeningBody,
  residenceBody,
  serviceBody,
  serviceChangesBody,
  taskBody,
  taskDoneBody,
  terminationBody,
} from './schema.ts';

const itemParams = { type: 'object', required: ['id', 'itemId'], properties: { id: uuid, itemId: uuid } } as const;

/** Recording on a client's record: every route admits the roles, the service asks the policy about the field group. */
export async function caseworkRoutes(app: Api) {
  const ctx = app.polku;
  const write = { access: 'clients.write' } as const;

  app.post(
    '/api/v1/clients/:id/services',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: createdResponse, body: serviceBody },
    },
    async (request, reply) => reply.code(201).send(await recordService(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/clients/:id/services/:itemId',
    {
      config: write,
      schema: { tags: ['casework'], params: itemParams, response: emptyResponse, body: serviceChangesBody },
    },
    async (request, reply) => {
      await updateService(ctx, whoOf(request), request.params.id, request.params.itemId, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/clients/:id/notes',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: createdResponse, body: noteBody },
    },
    async (request, reply) => reply.code(201).send(await addNote(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/clients/:id/tasks',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: createdResponse, body: taskBody },
    },
    async (request, reply) => reply.code(201).send(await addTask(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/v1/clients/:id/tasks/:itemId/done',
    {
      config: write,
      schema: { tags: ['casework'], params: itemParams, response: emptyResponse, body: taskDoneBody },
    },
    async (request, reply) => {
      await completeTask(ctx, whoOf(request), request.params.id, request.params.itemId, request.body.done);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me/tasks',
    {
      config: { access: 'tasks.mine' },
      schema: { tags: ['casework'], response: { 200: myTasksResponse } },
    },
    async (request) => myTasks(ctx, whoOf(request)),
  );

  app.post(
    '/api/v1/clients/:id/residence',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: emptyResponse, body: residenceBody },
    },
    async (request, reply) => {
      await recordResidence(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/clients/:id/children',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: createdResponse, body: childBody },
    },
    async (request, reply) => reply.code(201).send(await addChild(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/v1/clients/:id/exploitation',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: emptyResponse, body: exploitationBody },
    },
    async (request, reply) => {
      await setExploitation(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/clients/:id/termination',
    {
      config: write,
      schema: { tags: ['casework'], params: idParams, response: emptyResponse, body: terminationBody },
    },
    async (request, reply) => {
      await terminateAssistance(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/clients/:id/reopening',
    {
      config: { access: 'clients.reopen' },
      schema: { tags: ['casework'], params: idParams, response: emptyResponse, body: reopeningBody },
    },
    async (request, reply) => {
      await reopenAssistance(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  // Base64 in JSON keeps uploads on the one JSON path with its CSRF and validation; 5 MB becomes about 6.7 MB.
  app.post(
    '/api/v1/clients/:id/documents',
    {
      config: write,
      bodyLimit: Math.ceil(MAX_DOCUMENT_MB * 1024 * 1024 * 1.4),
      schema: { tags: ['casework'], params: idParams, response: createdResponse, body: documentBody },
    },
    async (request, reply) => reply.code(201).send(await uploadDocument(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/clients/:id/documents/:itemId',
    {
      config: { access: 'clients.read' },
      schema: { tags: ['casework'], params: itemParams, response: fileResponse('application/octet-stream') },
    },
    async (request, reply) => {
      const document = await downloadDocument(ctx, whoOf(request), request.params.id, request.params.itemId);
      // Always a download, never rendered in Polku's origin; the name's rules are cleanFileName's (core/fileNames.ts).
      return reply.type(document.mediaType).header('content-disposition', attachmentDisposition(document.fileName)).send(document.content);
    },
  );
}
