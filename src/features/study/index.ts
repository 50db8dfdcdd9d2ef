import type { Feature } from '../../server/feature.ts';
import { studyRoutes } from './routes.ts';

export { createStudy, createGuide, setTeam } from './service.ts';
export { seedResearchQuestions } from './guideTemplate.ts';

/** The employment study: studies, their research questions and team, and interview guides. No client data. */
export const study: Feature = {
  name: 'study',
  routes: (app) => studyRoutes(app),
};
