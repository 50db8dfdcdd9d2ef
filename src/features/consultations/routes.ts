import type { Api } from '../../server/context.ts';
import { AppError } from '../../core/errors.ts';
import { AttemptLimiter } from '../auth/index.ts';
import { receiveGuideConsultation } from './guide.ts';
import { guideConsultationBody } from './schema.ts';

export async function consultationRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['consultations'];
  // As the public referral form: kept in memory only, so the sender's address is written nowhere.
  const publicLimiter = new AttemptLimiter(10, 60 * 60 * 1000);

  app.post(
    '/api/v1/public/consultations',
    {
      config: { access: 'public' },
      schema: { tags, body: guideConsultationBody, response: { 202: { type: 'object', properties: { received: { type: 'boolean' } } } } },
    },
    async (request, reply) => {
      if (!publicLimiter.allow(request.ip)) throw new AppError(429, 'too_many_consultations');
      await receiveGuideConsultation(ctx, request.body);
      // Nothing that identifies the consultation goes back: the page shows only that it arrived.
      return reply.code(202).send({ received: true });
    },
  );
}
