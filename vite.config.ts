import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * What the web app shares with the server, each module named once: the register's codes, Helsinki
 * days, the statistics tables' ids and labels, and the permission names (a type only: the policy's
 * tables never reach the browser). Nothing else of the server is reachable from `web/src`, but for the
 * types of the API's requests and responses, derived from the routes' schemas: `#shared/api/<feature>.ts`
 * in web/tsconfig.json, deliberately not an alias here, so only their types reach the web app.
 */
export const sharedModules = {
  '#shared/codes.ts': fromRoot('src/core/codes.ts'),
  '#shared/dates.ts': fromRoot('src/core/dates.ts'),
  '#shared/statisticsTables.ts': fromRoot('src/features/statistics/tables.ts'),
  '#shared/policy.ts': fromRoot('src/core/policy/policy.ts'),
  '#shared/pathwayCodes.ts': fromRoot('src/features/pathway/codes.ts'),
  /** The locale files the server translates its messages with. */
  '#locales': fromRoot('locales'),
};

export default defineConfig({
  root: 'web',
  plugins: [react()],
  resolve: { alias: sharedModules },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
