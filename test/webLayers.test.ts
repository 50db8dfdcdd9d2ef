import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The web app's layers import downwards only: app → features → ui → lib. A feature does not reach
// into another; the server's code is reached only through the #shared aliases (vite.config.ts).
const root = path.resolve(import.meta.dirname, '../web/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every relative import of the web app: the importing file and the file it names, relative to web/src. */
const imports = sourceFiles(root).flatMap((file) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map(([, specifier]) => ({
    from: path.relative(root, file),
    to: path.relative(root, path.resolve(path.dirname(file), specifier)),
  })),
);
const layer = (file: string) => file.split(path.sep)[0];
const describeImport = ({ from, to }: { from: string; to: string }) => `${from} → ${to}`;

describe('the web app layers', () => {
  it('finds the imports it checks', () => {
    expect(imports.length).toBeGreaterThan(50);
  });

  it('the shared ui imports nothing from the app or the features, and lib nothing from ui either', () => {
    const upwards = imports.filter(
      ({ from, to }) =>
        (layer(from) === 'ui' && ['app', 'features'].includes(layer(to))) ||
        (layer(from) === 'lib' && ['app', 'features', 'ui'].includes(layer(to))),
    );
    expect(upwards.map(describeImport)).toEqual([]);
  });

  it('a feature imports no other feature and nothing of the app', () => {
    const across = imports.filter(
      ({ from, to }) =>
        layer(from) === 'features' &&
        (layer(to) === 'app' || (layer(to) === 'features' && to.split(path.sep)[1] !== from.split(path.sep)[1])),
    );
    expect(across.map(describeImport)).toEqual([]);
  });

  it('server code is reached through the #shared aliases, never by a path out of web/src', () => {
    expect(imports.filter(({ to }) => to.startsWith('..')).map(describeImport)).toEqual([]);
  });

  it("the shapes of the API (#shared/api/…, derived from the routes' schemas) are imported as types only", () => {
    const shapes = sourceFiles(root).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^;]*?from\s*'(#shared\/api\/[^']+)'/gm)].map(
        ([, typeOnly, specifier]) => ({ file: path.relative(root, file), specifier, typeOnly: Boolean(typeOnly) }),
      ),
    );
    expect(shapes.length).toBeGreaterThan(5);
    expect(shapes.filter(({ typeOnly }) => !typeOnly).map(({ file, specifier }) => `${file} → ${specifier}`)).toEqual([]);
  });
});
