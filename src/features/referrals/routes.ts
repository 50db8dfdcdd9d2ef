import type { Api } from '../../server/context.ts';
import { decideReferral, decisionLetter } from './decisions.ts';
import { createReferral } from './intake.ts';
import { checkPublicReferralLimit, receivePublicReferral } from './publicIntake.ts';
import { reviewMatch } from './matchReview.ts';
import { intakeQueue, readReferral, searchQueue, sentReferrals, withdrawReferral } from './queue.ts';
import { emptyResponse, idParams, uuid } from '../../server/schemaParts.ts';
import {
  decisionBody,
  decisionLetterResponse,
  intakeQueueResponse,
  matchReviewBody,
  publicReferralBody,
  queueSearchBody,
  queueSearchResponse,
  referralBody,
  referralResponse,
  type ReferralInput,
  sentReferralsResponse,
} from './schema.ts';
import { accessReason, accessReasonHeaders } from '../../server/accessReason.ts';
import { refersForOrganisation } from '../../core/policy/policy.ts';
import { whoOf } from '../../server/requestContext.ts';

export async function referralRoutes(app: Api) {
  const ctx = app.polku;

  app.post(
    '/api/v1/referrals',
    {
      config: { access: 'referrals.create' },
      schema: {
        tags: ['referrals'],
        body: referralBody,
        response: { 201: { type: 'object', properties: { id: { type: 'string' }, personId: { type: 'string' } } } },
      },
    },
    async (request, reply) => {
      // The schema has checked the consent against the branch its `given` chose.
      const created = await createReferral(ctx, { who: whoOf(request) }, request.body as ReferralInput);
      return reply.code(201).send(refersForOrganisation(request.actor!) ? { id: created.id } : created);
    },
  );

  app.post(
    '/api/v1/public/referrals',
    {
      config: { access: 'public' },
      schema: {
        tags: ['referrals'],
        body: publicReferralBody,
        response: { 202: { type: 'object', properties: { received: { type: 'boolean' } } } },
      },
    },
    async (request, reply) => {
      await checkPublicReferralLimit(ctx, request.ip);
      await receivePublicReferral(ctx, request.body);
      // Nothing that identifies the referral goes back: the page shows only that it arrived.
      return reply.code(202).send({ received: true });
    },
  );

  app.get(
    '/api/v1/referrals/queue',
    {
      config: { access: 'referrals.queue' },
      schema: { tags: ['referrals'], response: { 200: intakeQueueResponse } },
    },
    async (request) => intakeQueue(ctx, whoOf(request)),
  );

  // A search may carry a name: it travels in the body, never in the address (which logs keep).
  app.post(
    '/api/v1/referrals/queue/search',
    {
      config: { access: 'referrals.queue' },
      schema: { tags: ['referrals'], body: queueSearchBody, response: { 200: queueSearchResponse } },
    },
    async (request) => searchQueue(ctx, whoOf(request), request.body),
  );

  app.get(
    '/api/v1/referrals/sent',
    {
      config: { access: 'referrals.sent' },
      schema: { tags: ['referrals'], response: { 200: sentReferralsResponse } },
    },
    async (request) => sentReferrals(ctx, whoOf(request)),
  );

  app.get(
    '/api/v1/referrals/:id',
    {
      config: { access: 'referrals.queue' },
      schema: { tags: ['referrals'], params: idParams, headers: accessReasonHeaders, response: { 200: referralResponse } },
    },
    async (request) => readReferral(ctx, whoOf(request), request.params.id, accessReason(request)),
  );

  app.post(
    '/api/v1/referrals/:id/withdrawal',
    {
      config: { access: 'referrals.withdraw' },
      schema: { tags: ['referrals'], params: idParams, response: emptyResponse },
    },
    async (request, reply) => {
      await withdrawReferral(ctx, whoOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/v1/referrals/:id/matches/:personId',
    {
      config: { access: 'referrals.queue' },
      schema: {
        tags: ['referrals'],
        params: { type: 'object', required: ['id', 'personId'], properties: { id: uuid, personId: uuid } },
        body: matchReviewBody,
        response: emptyResponse,
      },
    },
    async (request, reply) => {
      await reviewMatch(ctx, whoOf(request), request.params.id, request.params.personId, request.body.outcome);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/referrals/:id/decision',
    {
      config: { access: 'referrals.decide' },
      schema: {
        tags: ['referrals'],
        params: idParams,
        body: decisionBody,
        response: { 201: { type: 'object', properties: { id: { type: 'string' }, outcome: { type: 'string' } } } },
      },
    },
    async (request, reply) => reply.code(201).send(await decideReferral(ctx, whoOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/referrals/:id/decision-letter',
    {
      config: { access: 'referrals.queue' },
      schema: { tags: ['referrals'], params: idParams, headers: accessReasonHeaders, response: { 200: decisionLetterResponse } },
    },
    async (request) => decisionLetter(ctx, whoOf(request), request.params.id, accessReason(request)),
  );
}
