import type { Feature } from '../../server/feature.ts';
import { consultationRoutes } from './routes.ts';

/** The competence centre: consultations with the assistance system (also from the public recognition guide) and training. */
export const consultations: Feature = {
  name: 'consultations',
  routes: (app) => consultationRoutes(app),
};

export { checkGuideConsultationLimit, receiveGuideConsultation } from './guide.ts';
export { waitingConsultationCount } from './consultations.ts';
export { installDemoCompetenceCentre } from './demo.ts';
export { guideConsultationBody, signAnswersBody, type GuideConsultationInput } from './schema.ts';
export {
  iloIndicators,
  lookIntoFurther,
  signAnswers,
  warningSignIds,
  warningSigns,
  type IloIndicator,
  type SignAnswer,
  type WarningSign,
  type WarningSignId,
} from './warningSigns.ts';
