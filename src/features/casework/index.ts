import type { Feature } from '../../server/feature.ts';
import { caseworkRoutes } from './routes.ts';
import { caseworkParts } from './recordParts.ts';

export { isClient, isTerminated } from './queries.ts';
export { endAssistance } from './service.ts';
export { taskCounts } from './counts.ts';
export { checkOfficeFile } from './checkOfficeFile.ts';

/** Casework on a client's record: services, notes, tasks, documents, residence, children, exploitation, termination. */
export const casework: Feature = {
  name: 'casework',
  routes: (app) => caseworkRoutes(app),
  recordParts: caseworkParts,
};
