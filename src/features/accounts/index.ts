import type { Feature } from '../../core/feature.ts';
import { accountRoutes } from './routes.ts';

/** Accounts and their administration, with grants of access confirmed by a director. */
export const accounts: Feature = {
  name: 'accounts',
  routes: (app) => accountRoutes(app),
};
