import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createContext } from '../src/server/createContext.ts';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { sql } from 'kysely';
import { makeAccount, sessionFor } from './support/factories.ts';
import { demoOffices } from '../src/features/demo/installDemo.ts';
import { postgresBin, startOwnCluster, type OwnCluster } from './support/ownCluster.ts';

// The tests stop and restart a PostgreSQL server, and read its connections' settings, so they need one of their own.
const bin = postgresBin();

describe.skipIf(!bin)(
  bin
    ? 'a PostgreSQL server: a restart under requests, and the settings of the connections'
    : 'a PostgreSQL server (skipped: PostgreSQL is not installed here)',
  () => {
    let cluster: OwnCluster;
    let ctx: Awaited<ReturnType<typeof createContext>>;
    let app: FastifyInstance;
    let headers: Record<string, string>;
    let folder: string;

    beforeAll(async () => {
      cluster = await startOwnCluster(bin!);
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-restart-'));
      const config = loadConfig(
        {},
        { databaseUrl: cluster.url, keyFile: path.join(folder, 'keys.json'), dataDir: folder, publicOrigin: 'http://localhost:3000' },
      );
      ctx = await createContext(config);
      app = await buildApp(ctx);
      await ctx.db.insertInto('offices').values(demoOffices).execute();
      const director = await makeAccount(ctx, 'director');
      headers = await sessionFor(ctx, director.id);
    });

    afterAll(async () => {
      await app?.close();
      await ctx?.close();
      cluster?.remove();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    const overview = (language = 'fi') =>
      app.inject({ method: 'GET', url: '/api/v1/overview', headers: { ...headers, 'accept-language': language } });
    const ready = () => app.inject({ method: 'GET', url: '/api/v1/health/ready' });

    /** Requests from eight callers at once until told to stop: every status seen. */
    function underLoad() {
      const statuses: number[] = [];
      let running = true;
      const callers = Array.from({ length: 8 }, async () => {
        while (running) statuses.push((await overview()).statusCode);
      });
      return {
        statuses,
        async stop() {
          running = false;
          await Promise.all(callers);
        },
      };
    }

    /** Asks until the server says it is ready again; a bounded number of tries, not a clock. */
    async function untilReady() {
      for (let attempt = 0; attempt < 200; attempt++) if ((await ready()).statusCode === 200) return true;
      return false;
    }

    for (const mode of ['fast', 'immediate'] as const) {
      it(`keeps serving through a restart (${mode}): 503 while it is down, answers again after`, async () => {
        expect((await overview()).statusCode).toBe(200);
        const load = underLoad();
        // Let the callers hold connections in the pool before the server goes.
        while (load.statuses.length < 16) await new Promise((resolve) => setImmediate(resolve));
        cluster.restart(mode);
        const during = load.statuses.length;
        while (load.statuses.length < during + 16) await new Promise((resolve) => setImmediate(resolve));
        await load.stop();
        expect(load.statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
        expect(await untilReady()).toBe(true);
        expect((await overview()).statusCode).toBe(200);
      });
    }

    it('says it is not ready and answers a translated 503 while the database is down', async () => {
      cluster.stop('immediate');
      try {
        const notReady = await ready();
        expect(notReady.statusCode).toBe(503);
        expect(notReady.json()).toEqual({ ready: false });
        const answers = {
          fi: 'Tietokantaan ei juuri nyt saada yhteyttä',
          sv: 'Databasen kan inte nås just nu',
          en: 'The database cannot be reached just now',
        };
        for (const [language, words] of Object.entries(answers)) {
          const response = await overview(language);
          expect(response.statusCode).toBe(503);
          expect(response.json().error.code).toBe('database_unavailable');
          expect(response.json().error.message).toContain(words);
        }
      } finally {
        cluster.start();
      }
      expect(await untilReady()).toBe(true);
      expect((await ready()).json()).toEqual({ ready: true });
      expect((await overview()).statusCode).toBe(200);
    });

    it('plans without JIT compilation, unless DATABASE_URL says otherwise', async () => {
      const jit = async (databaseUrl: string) => {
        const opened = await openDatabase({ databaseUrl });
        try {
          return (await sql<{ jit: string }>`show jit`.execute(opened.db)).rows[0].jit;
        } finally {
          await opened.close();
        }
      };
      expect(await jit(cluster.url)).toBe('off');
      const asked = new URL(cluster.url);
      asked.searchParams.set('options', '-c jit=on');
      expect(await jit(asked.toString())).toBe('on');
    });
  },
);
