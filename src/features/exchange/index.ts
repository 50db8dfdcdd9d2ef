import type { Feature } from '../../server/feature.ts';
import { exchangeRoutes } from './routes.ts';

export { demoRegisterLines } from './demoRegister.ts';
export { writeRegister } from './exportRegister.ts';
export { ImportRejected, createdCount, importRegister } from './importRegister.ts';
export { describeProblem } from './validateExchangeFile.ts';

/** The register in and out in the exchange format. */
export const exchange: Feature = {
  name: 'exchange',
  // Its own context: the exchange file's content type and size limit stay with its routes.
  routes: async (app) => {
    await app.register(exchangeRoutes);
  },
};
