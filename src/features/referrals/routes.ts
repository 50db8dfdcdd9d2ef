import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { AttemptLimiter } from '../auth/attemptLimiter.ts';
import { decideReferral, decisionLetter, type DecisionInput } from './decisions.ts';
import { createReferral, type ReferralInput } from './intake.ts';
import { reviewMatch } from './matchReview.ts';
import { intakeQueue, readReferral, sentReferrals, withdrawReferral } from './queue.ts';
import { decisionBody, publicReferralBody, referralBody, uuidParams } from './schema.ts';

type IdParams = { Params: { id: string } };
type MatchParams = { Params: { id: string; personId: string } };

interface PublicReferral {
  language: string; name: string; birthYear?: number; gender: string; nationality: string; languages?: string[]; interpreterNeeded?: boolean;
  replyChannel: string; replyAddress?: string; safeTimes?: string; safePlace?: boolean | null; acuteThreat?: boolean | null;
  whatHappened?: string; childrenWithMe?: number; consent: boolean;
}

/** A person without a birth date on the public form is recorded with an estimate: mid-year, or unknown adult age. */
const estimatedBirthDate = (year: number | undefined) => `${year ?? new Date().getUTCFullYear() - 30}-07-01`;

export async function referralRoutes(app: FastifyInstance) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({ actor: request.actor!, ip: request.ip });
  // Kept in memory only: the address of a person referring themself is never written anywhere.
  const publicLimiter = new AttemptLimiter(10, 60 * 60 * 1000);

  app.post('/api/v1/referrals', {
    config: { access: 'referrals.create' },
    schema: { tags: ['referrals'], body: referralBody, response: { 201: { type: 'object', properties: { id: { type: 'string' }, personId: { type: 'string' } } } } },
  }, async (request, reply) => {
    const body = request.body as ReferralInput;
    // A partner refers from their own organisation; their account, not the form, says where from.
    const input = request.actor!.role === 'partner' ? { ...body, officeId: null } : body;
    const created = await createReferral(ctx, { who: who(request) }, input);
    return reply.code(201).send(request.actor!.role === 'partner' ? { id: created.id } : created);
  });

  app.post('/api/v1/public/referrals', {
    config: { access: 'public' },
    schema: { tags: ['referrals'], body: publicReferralBody, response: { 202: { type: 'object', properties: { received: { type: 'boolean' } } } } },
  }, async (request, reply) => {
    if (!publicLimiter.allow(request.ip)) throw new AppError(429, 'too_many_referrals');
    const body = request.body as PublicReferral;
    if (body.consent !== true) throw new AppError(400, 'consent_required');
    const reply_ = [body.replyChannel, body.replyAddress, body.safeTimes].filter(Boolean).join(' · ');
    const account = [body.whatHappened, body.childrenWithMe ? `children_with_me: ${body.childrenWithMe}` : ''].filter(Boolean).join('\n\n') || null;
    await createReferral(ctx, { publicLanguage: body.language, replyChannel: reply_ }, {
      source: 'self',
      person: {
        name: body.name, birthDate: estimatedBirthDate(body.birthYear), birthDateEstimated: true, gender: body.gender, nationality: body.nationality,
        languages: body.languages, interpreterNeeded: body.interpreterNeeded, contact: reply_, safePlace: body.safePlace ?? null, acuteThreat: body.acuteThreat ?? null,
      },
      account,
      consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'online_form' },
    });
    // Nothing that identifies the referral goes back: the page shows only that it arrived.
    return reply.code(202).send({ received: true });
  });

  app.get('/api/v1/referrals/queue', { config: { access: 'referrals.queue' }, schema: { tags: ['referrals'] } }, async (request) => intakeQueue(ctx, who(request)));

  app.get('/api/v1/referrals/sent', { config: { access: 'referrals.sent' }, schema: { tags: ['referrals'] } }, async (request) => sentReferrals(ctx, who(request)));

  app.get<IdParams>('/api/v1/referrals/:id', { config: { access: 'referrals.queue' }, schema: { tags: ['referrals'], params: uuidParams } }, async (request) => readReferral(ctx, who(request), request.params.id));

  app.post<IdParams>('/api/v1/referrals/:id/withdrawal', {
    config: { access: 'referrals.withdraw' }, schema: { tags: ['referrals'], params: uuidParams, response: { 204: { type: 'null' } } },
  }, async (request, reply) => {
    await withdrawReferral(ctx, who(request), request.params.id);
    return reply.code(204).send();
  });

  app.put<MatchParams>('/api/v1/referrals/:id/matches/:personId', {
    config: { access: 'referrals.queue' },
    schema: {
      tags: ['referrals'],
      params: { type: 'object', required: ['id', 'personId'], properties: { id: { type: 'string', format: 'uuid' }, personId: { type: 'string', format: 'uuid' } } },
      body: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { type: 'string', enum: ['confirmed', 'dismissed'] } } },
      response: { 204: { type: 'null' } },
    },
  }, async (request, reply) => {
    await reviewMatch(ctx, who(request), request.params.id, request.params.personId, (request.body as { outcome: 'confirmed' | 'dismissed' }).outcome);
    return reply.code(204).send();
  });

  app.post<IdParams>('/api/v1/referrals/:id/decision', {
    config: { access: 'referrals.decide' },
    schema: { tags: ['referrals'], params: uuidParams, body: decisionBody, response: { 201: { type: 'object', properties: { id: { type: 'string' }, outcome: { type: 'string' } } } } },
  }, async (request, reply) => reply.code(201).send(await decideReferral(ctx, who(request), request.params.id, request.body as DecisionInput)));

  app.get<IdParams>('/api/v1/referrals/:id/decision-letter', {
    config: { access: 'referrals.queue' }, schema: { tags: ['referrals'], params: uuidParams },
  }, async (request) => decisionLetter(ctx, who(request), request.params.id));
}
