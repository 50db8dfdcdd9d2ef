import type { Feature } from '../../server/feature.ts';
import { installationRoutes } from './routes.ts';

export { demoLetterSettings, letterSettings, saveLetterSettings } from './service.ts';
export type { LetterSettings } from './schema.ts';

/** The installation's own details, set by an administrator: what its letters say of the sender and the appeal. */
export const installation: Feature = {
  name: 'installation',
  routes: (app) => installationRoutes(app),
};
