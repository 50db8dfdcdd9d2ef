import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/server/createContext.ts';
import { verifyAuditChain } from '../src/core/audit/audit.ts';
import { demoOffices, demoOrganisations } from '../src/features/demo/installDemo.ts';
import { demoRegisterLines } from '../src/features/exchange/demoRegister.ts';
import { makeAccount, sessionFor } from './support/factories.ts';
import { createScratchDatabase } from './support/scratchDatabase.ts';
import { freePort, postgresBin, startOwnCluster } from './support/ownCluster.ts';
import { startServerProcess, type ServerProcess } from './support/serverProcesses.ts';

// Three app servers on one PostgreSQL behave as one. PostgreSQL: TEST_DATABASE_URL's server, or a
// cluster of our own when only the embedded database is under test.
const bin = postgresBin();
const canRun = Boolean(process.env.TEST_DATABASE_URL || bin);

describe.skipIf(!canRun)(
  canRun ? 'three app servers on one PostgreSQL' : 'three app servers (skipped: no PostgreSQL here)',
  { timeout: 180_000 },
  () => {
    let ctx: Awaited<ReturnType<typeof createContext>>;
    const servers: ServerProcess[] = [];
    let folder: string;
    let cleanUp = async () => {};
    let director: Record<string, string>;
    let administrator: Record<string, string>;

    beforeAll(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-three-'));
      let adminUrl = process.env.TEST_DATABASE_URL;
      let removeCluster = () => {};
      if (!adminUrl) {
        const cluster = await startOwnCluster(bin!);
        adminUrl = cluster.url;
        removeCluster = () => cluster.remove();
      }
      const scratch = await createScratchDatabase(adminUrl, 'polku_three');
      cleanUp = async () => {
        await scratch.drop();
        removeCluster();
      };
      const env = {
        DATABASE_URL: scratch.url,
        POLKU_DATA_DIR: path.join(folder, 'data'),
        POLKU_KEY_FILE: path.join(folder, 'keys.json'),
        POLKU_LOGIN_ATTEMPTS_PER_ADDRESS: '6',
      };
      ctx = await createContext(loadConfig(env));
      await ctx.db.insertInto('offices').values(demoOffices).execute();
      await ctx.db.insertInto('organisations').values(demoOrganisations).execute();
      director = await sessionFor(ctx, (await makeAccount(ctx, 'director')).id);
      administrator = await sessionFor(ctx, (await makeAccount(ctx, 'administrator')).id);
      for (let i = 0; i < 3; i++) servers.push(await startServerProcess(env, await freePort()));
    }, 180_000);

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await ctx?.close();
      await cleanUp();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    const call = (server: ServerProcess, url: string, init: RequestInit = {}) => fetch(`${server.base}${url}`, init);

    it('a session made on one server is the same session on every server', async () => {
      for (const server of servers) expect((await call(server, '/overview', { headers: director })).status).toBe(200);
      const logout = await call(servers[0], '/auth/logout', {
        method: 'POST',
        headers: { ...director, origin: servers[0].base.replace('/api/v1', '') },
      });
      expect(logout.status).toBeLessThan(300);
      for (const server of servers) expect((await call(server, '/overview', { headers: director })).status).toBe(401);
      director = await sessionFor(
        ctx,
        (await ctx.db.selectFrom('accounts').select('id').where('role', '=', 'director').executeTakeFirstOrThrow()).id,
      );
    });

    it('counts login attempts from one address together, whichever server they reach', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 9; attempt++) {
        const response = await call(servers[attempt % 3], '/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `nobody-${attempt}@test.polku`, password: 'wrong password here' }),
        });
        statuses.push(response.status);
      }
      // Six attempts for the address across the three servers, then refused everywhere.
      expect(statuses.filter((status) => status === 429)).toHaveLength(3);
      expect(statuses.slice(6)).toEqual([429, 429, 429]);
    });

    it('runs one import at a time across the servers, and any server can follow it', async () => {
      const file = [...demoRegisterLines({ clients: 300, fromYear: 2020, toYear: 2021, seed: 7 })].join('\n') + '\n';
      const upload = (server: ServerProcess) =>
        call(server, '/exchange/imports', {
          method: 'POST',
          headers: { ...administrator, 'content-type': 'application/x-ndjson' },
          body: file,
        });
      const first = await upload(servers[0]);
      expect(first.status).toBe(202);
      const job = (await first.json()) as { id: string };
      expect((await upload(servers[1])).status).toBe(409);
      expect((await upload(servers[2])).status).toBe(409);
      let state = 'checking';
      for (let poll = 0; poll < 2000 && ['checking', 'writing'].includes(state); poll++) {
        const followed = await call(servers[poll % 3], `/exchange/imports/${job.id}`, { headers: administrator });
        expect(followed.status).toBe(200);
        state = ((await followed.json()) as { state: string }).state;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(state).toBe('succeeded');
      const second = await upload(servers[2]);
      expect(second.status).toBe(202);
    });

    it('keeps one audit chain for reads on all three at once', async () => {
      const before = (await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).entries;
      const reads = await Promise.all(Array.from({ length: 30 }, (_, i) => call(servers[i % 3], '/clients', { headers: director })));
      expect(reads.map((response) => response.status)).toEqual(Array(30).fill(200));
      const { entries, problems } = await verifyAuditChain(ctx.db, ctx.keyring.auditKey);
      expect(problems).toEqual([]);
      expect(entries).toBeGreaterThanOrEqual(before + 30);
    });
  },
);
