import type { Api } from '../../server/context.ts';

export async function organisationRoutes(app: Api) {
  const list = {
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } },
  } as const;

  app.get(
    '/api/v1/offices',
    { config: { access: 'organisations.read' }, schema: { tags: ['organisations'], response: { 200: list } } },
    async () => app.polku.db.selectFrom('offices').select(['id', 'name']).orderBy('name').execute(),
  );

  app.get(
    '/api/v1/organisations',
    { config: { access: 'organisations.read' }, schema: { tags: ['organisations'], response: { 200: list } } },
    async () => app.polku.db.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('name').execute(),
  );
}
