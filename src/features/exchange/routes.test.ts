import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';

const sample = fs.readFileSync(path.resolve('test/fixtures/register-sample.ndjson'), 'utf8');

let ctx: TestContext;
let app: FastifyInstance;
let administrator: TestAccount;
let otherAdministrator: TestAccount;
let director: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [administrator, otherAdministrator, director] = await makeAccounts(ctx, 'administrator', 'administrator', 'director');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const speaks = (account: { id: string }, language: 'fi' | 'sv' | 'en') =>
  ctx.db.updateTable('accounts').set({ language }).where('id', '=', account.id).execute();
const upload = async (account: { id: string }, text: string, headers?: Record<string, string>) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/exchange/imports',
    payload: text,
    headers: { ...(headers ?? (await sessionFor(ctx, account.id))), 'content-type': 'application/x-ndjson' },
  });
  return { status: response.statusCode, body: JSON.parse(response.body) };
};

/** Follows an import as the page does, until it has ended. */
async function follow(account: { id: string }, id: string) {
  const headers = await sessionFor(ctx, account.id);
  for (;;) {
    const { status, body } = await injectJson(app, 'GET', `/api/v1/exchange/imports/${id}`, headers);
    expect(status).toBe(200);
    if (!['checking', 'writing'].includes(body.state)) return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const persons = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the register in and out from the web', () => {
  it('refuses a wrong file with every wrong line translated, and changes nothing', async () => {
    const broken = sample.replace('"outcome":"rejected"', '"outcome":"maybe"').replace('"status":"asylum_seeker"', '"status":"robot"');
    await speaks(administrator, 'sv');
    const started = await upload(administrator, broken);
    expect(started.status).toBe(202);
    const ended = await follow(administrator, started.body.id);
    expect(ended).toMatchObject({ state: 'rejected', problemCount: 2 });
    expect(ended.problems).toEqual([
      { line: 6, message: 'Rad 6: okänd kod "robot" i fältet status.' },
      { line: 22, message: 'Rad 22: okänd kod "maybe" i fältet outcome.' },
    ]);
    expect(await persons()).toBe(0);
  });

  it('imports a file with progress, and only its administrator can follow it', async () => {
    await speaks(administrator, 'en');
    const started = await upload(administrator, sample);
    expect(started.body).toMatchObject({ state: 'checking' });
    const stranger = await injectJson(
      app,
      'GET',
      `/api/v1/exchange/imports/${started.body.id}`,
      await sessionFor(ctx, otherAdministrator.id),
    );
    expect(stranger.status).toBe(404);
    const ended = await follow(administrator, started.body.id);
    expect(ended).toMatchObject({ state: 'succeeded', done: 22, total: 22, summary: { lines: 22, created: 22, unchanged: 0 } });
    expect(await persons()).toBe(4);
    const again = await follow(administrator, (await upload(administrator, sample)).body.id);
    expect(again.summary).toEqual({ lines: 22, created: 0, unchanged: 22 });
  });

  it('exports the register as a file to download, and records it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/exchange/export', headers: await sessionFor(ctx, administrator.id) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="polku-register-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    expect(response.body.trim().split('\n').sort()).toEqual(sample.trim().split('\n').sort());
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_id'])
      .where('action', 'like', 'exchange.%')
      .orderBy('seq')
      .execute();
    expect(audited.map((entry) => `${entry.action} ${entry.outcome}`)).toEqual([
      'exchange.import failed',
      'exchange.import succeeded',
      'exchange.import succeeded',
      'exchange.export succeeded',
    ]);
    expect(audited.every((entry) => entry.actor_id === administrator.id)).toBe(true);
  });

  it('refuses an empty file, another type, other roles, and a second import while one runs', async () => {
    expect((await upload(administrator, '\n\n')).body.error).toMatchObject({ code: 'import_empty', message: 'The file is empty.' });
    const json = await injectJson(app, 'POST', '/api/v1/exchange/imports', await sessionFor(ctx, administrator.id), { lines: [] });
    expect(json.status).toBe(415);
    expect((await upload(director, sample)).status).toBe(403);
    expect((await injectJson(app, 'GET', '/api/v1/exchange/export', await sessionFor(ctx, director.id))).status).toBe(403);

    // Two administrators start an import at the same moment: one runs, the other is told to wait.
    // The file (1.9 MB) is over the server's usual 1 MB request limit, which an import is exempt from.
    const big = Array.from({ length: 20000 }, (_, n) =>
      JSON.stringify({ type: 'person', id: `q${n}`, gender: 'female', birthDate: '1990-01-01', nationality: 'NG' }),
    ).join('\n');
    const sessions = [await sessionFor(ctx, administrator.id), await sessionFor(ctx, otherAdministrator.id)];
    const both = await Promise.all([upload(administrator, big, sessions[0]), upload(otherAdministrator, big, sessions[1])]);
    expect(both.map((response) => response.status).sort()).toEqual([202, 409]);
    expect(both.find((response) => response.status === 409)!.body.error.code).toBe('import_in_progress');
    const [running, owner] = both[0].status === 202 ? [both[0], administrator] : [both[1], otherAdministrator];
    expect(await follow(owner, running.body.id)).toMatchObject({ state: 'succeeded', summary: { created: 20000 } });
  });
});
