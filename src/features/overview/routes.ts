import type { Api } from '../../server/context.ts';
import { overviewResponse } from './schema.ts';
import { overviewFor } from './service.ts';

export async function overviewRoutes(app: Api) {
  app.get(
    '/api/v1/overview',
    { config: { access: 'overview.read' }, schema: { tags: ['overview'], response: { 200: overviewResponse } } },
    async (request) => overviewFor(app.polku, request.actor!),
  );
}
