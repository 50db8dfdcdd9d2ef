import type { Api } from '../../server/context.ts';
import { whoOf } from '../../server/requestContext.ts';
import { createdResponse, emptyResponse } from '../../server/schemaParts.ts';
import {
  consentBody,
  createGuideBody,
  identityResponse,
  participantBody,
  participantCreatedResponse,
  participantParams,
  participantsResponse,
  withdrawalBody,
  createStudyBody,
  guideParams,
  guideResponse,
  researchersResponse,
  saveGuideBody,
  studyListResponse,
  studyParams,
  studyResponse,
  teamBody,
  updateStudyBody,
} from './schema.ts';
import {
  createGuideChecked,
  createStudy,
  listResearchers,
  listStudies,
  readGuide,
  readStudy,
  saveGuide,
  setTeam,
  updateStudy,
} from './service.ts';
import { studyWorkRoutes } from './workRoutes.ts';
import { studyExchangeRoutes } from './exchangeRoutes.ts';
import { addParticipant, listParticipants, openIdentity, recordConsent, withdrawParticipant } from './participants.ts';

export async function studyRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['study'];

  app.get(
    '/api/v1/studies',
    { config: { access: 'studies.list' }, schema: { tags, response: { 200: studyListResponse } } },
    async (request) => listStudies(ctx, whoOf(request)),
  );

  app.post(
    '/api/v1/studies',
    { config: { access: 'studies.create' }, schema: { tags, body: createStudyBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await createStudy(ctx, whoOf(request), request.body)),
  );

  app.get(
    '/api/v1/studies/researchers',
    { config: { access: 'studies.write' }, schema: { tags, response: { 200: researchersResponse } } },
    async () => listResearchers(ctx),
  );

  app.get(
    '/api/v1/studies/:id',
    { config: { access: 'studies.read' }, schema: { tags, params: studyParams, response: { 200: studyResponse } } },
    async (request) => readStudy(ctx, whoOf(request), request.params.id),
  );

  app.put(
    '/api/v1/studies/:id',
    { config: { access: 'studies.write' }, schema: { tags, params: studyParams, body: updateStudyBody, response: { 200: studyResponse } } },
    async (request) => updateStudy(ctx, whoOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/v1/studies/:id/team',
    { config: { access: 'studies.write' }, schema: { tags, params: studyParams, body: teamBody, response: emptyResponse } },
    async (request, reply) => {
      await setTeam(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/studies/:id/guides',
    { config: { access: 'studies.write' }, schema: { tags, params: studyParams, body: createGuideBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await createGuideChecked(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/studies/:id/guides/:guideId',
    { config: { access: 'studies.read' }, schema: { tags, params: guideParams, response: { 200: guideResponse } } },
    async (request) => readGuide(ctx, whoOf(request), request.params.id, request.params.guideId),
  );

  app.put(
    '/api/v1/studies/:id/guides/:guideId',
    { config: { access: 'studies.write' }, schema: { tags, params: guideParams, body: saveGuideBody, response: { 200: guideResponse } } },
    async (request) => saveGuide(ctx, whoOf(request), request.params.id, request.params.guideId, request.body),
  );

  app.get(
    '/api/v1/studies/:id/participants',
    { config: { access: 'studies.read' }, schema: { tags, params: studyParams, response: { 200: participantsResponse } } },
    async (request) => listParticipants(ctx, whoOf(request), request.params.id),
  );

  app.post(
    '/api/v1/studies/:id/participants',
    {
      config: { access: 'studies.write' },
      schema: { tags, params: studyParams, body: participantBody, response: participantCreatedResponse },
    },
    async (request, reply) => reply.code(201).send(await addParticipant(ctx, whoOf(request), request.params.id, request.body)),
  );

  // The name and contact details travel in a response only, never in an address; reading them is audited.
  app.get(
    '/api/v1/studies/:id/participants/:participantId/identity',
    { config: { access: 'studies.write' }, schema: { tags, params: participantParams, response: { 200: identityResponse } } },
    async (request) => openIdentity(ctx, whoOf(request), request.params.id, request.params.participantId),
  );

  app.post(
    '/api/v1/studies/:id/participants/:participantId/consents',
    { config: { access: 'studies.write' }, schema: { tags, params: participantParams, body: consentBody, response: emptyResponse } },
    async (request, reply) => {
      await recordConsent(ctx, whoOf(request), request.params.id, request.params.participantId, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/studies/:id/participants/:participantId/withdrawal',
    { config: { access: 'studies.write' }, schema: { tags, params: participantParams, body: withdrawalBody, response: emptyResponse } },
    async (request, reply) => {
      await withdrawParticipant(ctx, whoOf(request), request.params.id, request.params.participantId, request.body);
      return reply.code(204).send();
    },
  );

  await studyWorkRoutes(app);
  await studyExchangeRoutes(app);
}
