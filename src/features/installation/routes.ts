import type { Api } from '../../server/context.ts';
import { installationSettingsResponse, letterSettingsBody } from './schema.ts';
import { installationSettings, saveLetterSettings } from './service.ts';

export async function installationRoutes(app: Api) {
  const ctx = app.polku;
  const manage = { access: 'installation.manage' } as const;

  app.get(
    '/api/v1/admin/installation',
    { config: manage, schema: { tags: ['installation'], response: { 200: installationSettingsResponse } } },
    async () => installationSettings(ctx),
  );

  app.put(
    '/api/v1/admin/installation/letter',
    { config: manage, schema: { tags: ['installation'], body: letterSettingsBody, response: { 200: installationSettingsResponse } } },
    async (request) => saveLetterSettings(ctx, request.auditBase(), request.body),
  );
}
