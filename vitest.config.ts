import { defineConfig } from 'vitest/config';
import { sharedModules } from './vite.config.ts';

export default defineConfig({
  // The web app's own logic (web/src/lib) is tested here too, reaching the server's modules as the web app does.
  resolve: { alias: sharedModules },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
