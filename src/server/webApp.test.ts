import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { precompress } from '../../vite.config.ts';
import { createTestContext, type TestContext } from '../../test/support/testContext.ts';

// A built web app in miniature, compressed by the build's own step: the shell and one hashed asset.
const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-web-'));
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `sana ${i}`))};\n`;
const shell = `<!doctype html><html lang="fi"><body><div id="root"></div>${'<!-- polku -->'.repeat(200)}<script type="module" src="/assets/index-Bx3k9a.js"></script></body></html>`;

let ctx: TestContext;
let app: FastifyInstance;

beforeAll(async () => {
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), shell);
  fs.writeFileSync(path.join(webRoot, 'assets/index-Bx3k9a.js'), script);
  const step = precompress().writeBundle as (options: { dir: string }) => void;
  step({ dir: webRoot });
  ctx = await createTestContext();
  app = await buildApp(ctx, { webRoot });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app is sent compressed at build time', () => {
  it('a browser that accepts brotli gets the brotli file, one that accepts gzip only the gzip file, others the plain file', async () => {
    const brotli = await get('/assets/index-Bx3k9a.js', 'gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
    expect(brotli.rawPayload.length).toBeLessThan(script.length / 3);

    const gzip = await get('/assets/index-Bx3k9a.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/index-Bx3k9a.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('hashed assets are kept for a year without asking again; the shell is asked for each time, compressed too', async () => {
    for (const encoding of ['br', 'gzip', undefined])
      expect((await get('/assets/index-Bx3k9a.js', encoding)).headers['cache-control']).toBe('public, max-age=31536000, immutable');

    // The public site under /help is the server's own pages, not this shell.
    for (const url of ['/', '/tasks', '/clients/some-record']) {
      const page = await get(url, 'br');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(zlib.brotliDecompressSync(page.rawPayload).toString()).toBe(shell);
    }
    expect((await get('/tasks')).body).toBe(shell);
    expect((await get('/help')).body).not.toBe(shell);
  });

  it('an address under the API is never the shell', async () => {
    expect((await get('/api/v1/no-such-thing', 'br')).statusCode).toBe(404);
  });
});
