// How much JavaScript each address of the web app makes a browser download, compressed as the server
// sends it (the build's own .br and .gz files beside each asset; brotli to browsers that accept it), against
// the budget of 150 KB for the first page a person meets, and against a bare React page built in the
// same run. Run: npm run bench:web
//
// The build is the real one (vite.config.ts) with a manifest, into a folder of its own. What an
// address loads is read from the manifest: the entry and its imports, then the chunks the address
// imports on demand with theirs (the staff app for staff addresses, and after login the page's own
// chunk, as its feature's routes.ts declares it). The public site (/help) is not part of this app: its
// pages are rendered by the server with a script and a style sheet of its own, measured at the end.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const BUDGET_KB = 150;
const root = fileURLToPath(new URL('..', import.meta.url));
const work = path.join(root, 'node_modules/.cache/polku-bench-web');
fs.rmSync(work, { recursive: true, force: true });

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, Chunk>;

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
/** The size of the file the server sends for `file` in an encoding: the build's compressed copy, which must be there. */
function sentSize(file: string, extension: 'br' | 'gz'): number {
  const compressed = `${file}.${extension}`;
  if (!fs.existsSync(compressed)) throw new Error(`the build did not write ${path.basename(compressed)}`);
  return fs.statSync(compressed).size;
}
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

// The app as it ships, noting which source modules went into each chunk.
const appOut = path.join(work, 'app');
const modulesOf: Record<string, string[]> = {};
const noteModules = {
  name: 'polku-bench-modules',
  generateBundle(_options: unknown, bundle: Record<string, { type: string; moduleIds?: string[] }>) {
    for (const [file, output] of Object.entries(bundle))
      if (output.type === 'chunk') modulesOf[`assets/${path.basename(file)}`] = output.moduleIds ?? [];
  },
};
await build({
  configFile: path.join(root, 'vite.config.ts'),
  logLevel: 'warn',
  plugins: [noteModules],
  build: { outDir: appOut, emptyOutDir: true, manifest: true },
});
const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(appOut, '.vite/manifest.json'), 'utf8'));

// A bare React page: React and ReactDOM rendering one heading, built by the same Vite.
const bareRoot = path.join(work, 'bare');
fs.mkdirSync(bareRoot, { recursive: true });
fs.writeFileSync(
  path.join(bareRoot, 'index.html'),
  '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>',
);
fs.writeFileSync(
  path.join(bareRoot, 'main.tsx'),
  "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<h1>Polku</h1>);\n",
);
const bareOut = path.join(work, 'bare-dist');
await build({ configFile: false, root: bareRoot, logLevel: 'warn', plugins: [react()], build: { outDir: bareOut, emptyOutDir: true } });
const bareBytes = fs
  .readdirSync(path.join(bareOut, 'assets'))
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + gzipSize(path.join(bareOut, 'assets', file)), 0);

/** A chunk and everything it imports statically: what the browser fetches when the chunk is needed. */
function closure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build's manifest`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}

/** The pages the features declare: `path: '…'` and the module its `load` imports, from each routes file. */
function declaredPages(): Array<{ path: string; module: string }> {
  const files = [
    path.join(root, 'web/src/app/pages.ts'),
    ...fs
      .readdirSync(path.join(root, 'web/src/features'))
      .map((feature) => path.join(root, 'web/src/features', feature, 'routes.ts'))
      .filter((file) => fs.existsSync(file)),
  ];
  return files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/path: '([^']+)'[\s\S]*?import\('(\.[^']+)'\)/g)].map(([, address, module]) => ({
      path: address,
      module: path.relative(path.join(root, 'web'), path.resolve(path.dirname(file), module)),
    })),
  );
}

const entry = closure('index.html');
const staffApp = closure('src/app/main.tsx', new Set(entry));
const afterLogin = closure('src/app/routes.tsx', new Set(staffApp));
const addresses = [
  { address: '/', what: 'login (any staff address)', first: true, files: staffApp },
  // After login: the login page's code is already there; the pages' router, words and the page's own chunk follow.
  ...declaredPages().map((page) => ({
    address: page.path,
    what: 'after login',
    first: false,
    files: closure(page.module, new Set(afterLogin)),
  })),
];

if (!Object.keys(modulesOf).length) throw new Error('the build did not say which modules went into which chunk');

console.log(`Bare React page: ${kb(bareBytes)} KB gzip. Budget for the first page a person meets: ${BUDGET_KB} KB gzip.\n`);
console.log(
  `${'address'.padEnd(30)} ${'page'.padEnd(26)} ${'files'.padStart(5)} ${'KB raw'.padStart(8)} ${'KB gzip'.padStart(8)} ${'KB br'.padStart(7)} ${'× bare'.padStart(7)}  first page`,
);
let over = false;
for (const { address, what, first, files } of addresses) {
  const sum = (size: (file: string) => number) => [...files].reduce((total, file) => total + size(path.join(appOut, file)), 0);
  const raw = sum((file) => fs.statSync(file).size);
  const bytes = sum((file) => sentSize(file, 'gz'));
  const brotli = sum((file) => sentSize(file, 'br'));
  const within = bytes <= BUDGET_KB * 1024;
  if (first && !within) over = true;
  console.log(
    `${address.padEnd(30)} ${what.padEnd(26)} ${String(files.size).padStart(5)} ${kb(raw).padStart(8)} ${kb(bytes).padStart(8)} ${kb(brotli).padStart(7)} ${(bytes / bareBytes).toFixed(2).padStart(7)}  ${first ? (within ? 'within budget' : 'OVER BUDGET') : ''}`,
  );
}
// The public site downloads only its own script and style sheet, whatever page of it is read.
const siteAssets = ['site.js', 'site.css'].map((name) => path.join(root, 'src/features/publicSite/assets', name));
const siteBytes = siteAssets.reduce((sum, file) => sum + gzipSize(file), 0);
console.log(`\n/help (the public site, server-rendered): its script and style sheet ${kb(siteBytes)} KB gzip, no staff code.`);
if (over) process.exitCode = 1;
