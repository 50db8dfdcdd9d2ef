import type { Feature } from '../../server/feature.ts';
import { authRoutes } from './routes.ts';

export { limitAttempts } from './addressAttempts.ts';

/** Logging in: passwords, TOTP, recovery codes, sessions and their limits. */
export const auth: Feature = {
  name: 'auth',
  routes: (app) => authRoutes(app),
};
