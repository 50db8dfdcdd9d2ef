// The linter: typescript-eslint's recommended rules, and the rule of imports (ARCHITECTURE.md) as
// zones of import-x/no-restricted-paths, with import-x/no-cycle against cycles. `npm run lint`.
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const folders = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const serverFeatures = folders('src/features');
const webFeatures = folders('web/src/features');

/** The layers, as zones: files in `target` may not import from `from`, except its public module. */
const zones = [
  // The server's shared core knows nothing of the HTTP server, the features or the commands.
  {
    target: 'src/core',
    from: ['src/server', 'src/features', 'src/cli'],
    message: 'src/core is shared by everything: it imports nothing from server, features or cli.',
  },
  // The server's shared HTTP pieces know no feature; the composition root (app.ts, createContext.ts)
  // composes them through their public modules.
  {
    target: 'src/server/!(app|createContext).ts',
    from: ['src/features/**', 'src/cli/**'],
    message: 'src/server holds shared HTTP pieces: only app.ts and createContext.ts compose the features.',
  },
  // A feature knows the composition root and the commands not at all.
  {
    target: 'src/features',
    from: ['src/server/app.ts', 'src/server/createContext.ts', 'src/cli'],
    message: 'A feature is composed by the app; it does not import the app or the commands.',
  },
  // A feature, the composition root and a command reach a feature only through its index.ts.
  ...serverFeatures.flatMap((feature) =>
    [
      ...serverFeatures.filter((other) => other !== feature).map((other) => ({ target: `src/features/${feature}`, other })),
      { target: ['src/server/app.ts', 'src/server/createContext.ts'], other: feature },
      { target: 'src/cli', other: feature },
    ].map(({ target, other }) => ({
      target,
      from: `src/features/${other}`,
      except: ['./index.ts'],
      message: `Import the ${other} feature through its public module, src/features/${other}/index.ts.`,
    })),
  ),
  // The web app: app → features → ui → lib, and no feature imports another.
  {
    target: 'web/src/ui',
    from: ['web/src/app', 'web/src/features'],
    message: 'The shared ui imports nothing from the app or the features.',
  },
  {
    target: 'web/src/lib',
    from: ['web/src/app', 'web/src/features', 'web/src/ui'],
    message: 'lib imports nothing from the app, the features or ui.',
  },
  ...webFeatures.map((feature) => ({
    target: `web/src/features/${feature}`,
    from: ['web/src/app', ...webFeatures.filter((other) => other !== feature).map((other) => `web/src/features/${other}`)],
    message: 'A web feature imports no other feature and nothing of the app: the app composes them.',
  })),
  // The web app reaches the server's code only through the #shared aliases (vite.config.ts).
  {
    target: 'web/src',
    from: ['src', 'test', 'bench', 'locales'],
    message: 'The web app reaches server code only through the #shared aliases of vite.config.ts.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['{src,web/src,test,bench}/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.js'], 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // Between features and inside them; `import type` is erased and does not count. A cycle through a
      // dynamic import is allowed: the list of pages loads each page lazily, and the home page reads
      // that list for its links; nothing runs before both modules have loaded.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }],
      // `const { secret: _, ...rest } = value` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Off: the text rules, file names and CSV cells refuse control characters, and a regular
      // expression naming them is how they do it (core/textRules.ts, core/fileNames.ts).
      'no-control-regex': 'off',
    },
  },
  // Tests may import anything: they reach into a feature to test its internals.
  {
    files: ['**/*.test.{ts,tsx}', 'test/**'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
);
