import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { importRegister, type ImportProgress } from './importRegister.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  caseworker = await makeAccount(ctx, 'caseworker');
  await makeClient(ctx, caseworker, { name: 'Maria Luku' });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const system = { actorId: null, actorRole: 'system', ip: null } as const;

describe('an import alongside other users', () => {
  it('another user’s read is answered while a large import is still running, and the import still writes everything', async () => {
    const persons = 30_000;
    const file = Array.from({ length: persons }, (_, n) =>
      JSON.stringify({ type: 'person', id: `rinnakkain-${n}`, gender: 'female', birthDate: '1990-01-01', nationality: 'NG' }),
    ).join('\n');
    let started!: () => void;
    const checking = new Promise<void>((resolve) => (started = resolve));
    let ended = false;
    const running = importRegister(ctx, system, file, (progress: ImportProgress) => {
      if (progress.done > 0) started();
    }).finally(() => (ended = true));

    await checking;
    const read = await injectJson(app, 'GET', '/api/v1/clients', await sessionFor(ctx, caseworker.id));
    expect(read.status).toBe(200);
    expect(read.body.map((client: { name: string }) => client.name)).toEqual(['Maria Luku']);
    expect(ended).toBe(false);

    const summary = await running;
    expect(summary.created.person).toBe(persons);
    const stored = await ctx.db.selectFrom('persons').select(ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(persons + 1);
  });
});
