import type { Feature } from '../../server/feature.ts';
import { accountRoutes } from './routes.ts';

export { findAccountById, findAccountByUsername, publicAccount } from './queries.ts';
export { accountSchema } from './schema.ts';
export { passwordMatches, spendPasswordCheck } from './passwords.ts';
export { createAccount, resetMfa, setAccountDisabled } from './service.ts';
export { pendingGrantCount } from './grants.ts';

/** Accounts and their administration, with grants of access confirmed by a director. */
export const accounts: Feature = {
  name: 'accounts',
  routes: (app) => accountRoutes(app),
};
