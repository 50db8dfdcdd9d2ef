import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * What the web app shares with the server, each module named once: the register's codes, Helsinki
 * days, digits of any script, the statistics tables' ids and labels, and the permission names (a type
 * only: the policy's tables never reach the browser). Nothing else of the server is reachable from `web/src`, but for the
 * types of the API's requests and responses, derived from the routes' schemas: `#shared/api/<feature>.ts`
 * in web/tsconfig.json, deliberately not an alias here, so only their types reach the web app.
 */
export const sharedModules = {
  '#shared/codes.ts': fromRoot('src/core/codes.ts'),
  '#shared/dates.ts': fromRoot('src/core/dates.ts'),
  '#shared/digits.ts': fromRoot('src/core/digits.ts'),
  '#shared/statisticsTables.ts': fromRoot('src/features/statistics/tables.ts'),
  '#shared/policy.ts': fromRoot('src/core/policy/policy.ts'),
  '#shared/pathwayCodes.ts': fromRoot('src/features/pathway/codes.ts'),
  /** The locale files the server translates its messages with. */
  '#locales': fromRoot('locales'),
};

/** Text files worth compressing; images and fonts are compressed already. */
const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Every text file of the build also as `.br` and `.gz` beside it, compressed once at the highest
 * levels, so the server sends the smaller file without compressing on each request (see the static
 * serving in src/server/app.ts). A file that does not get smaller is left alone.
 */
export function precompress(): Plugin {
  return {
    name: 'polku-precompress',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir!;
      for (const file of fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
        const full = path.join(outDir, file);
        if (!compressible.test(file) || file.startsWith('.vite') || !fs.statSync(full).isFile()) continue;
        const raw = fs.readFileSync(full);
        const variants = {
          br: zlib.brotliCompressSync(raw, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
          gz: zlib.gzipSync(raw, { level: 9 }),
        };
        for (const [extension, compressed] of Object.entries(variants))
          if (compressed.length < raw.length) fs.writeFileSync(`${full}.${extension}`, compressed);
      }
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  resolve: { alias: sharedModules },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
