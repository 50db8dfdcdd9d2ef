import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createTestContext, type TestContext } from '../../test/support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount } from '../../test/support/factories.ts';

let ctx: TestContext;
let app: FastifyInstance;
let caseworker: TestAccount;
let director: TestAccount;
let administrator: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  caseworker = await makeAccount(ctx, 'caseworker');
  director = await makeAccount(ctx, 'director', { officeId: 'tampere' });
  administrator = await makeAccount(ctx, 'administrator');
  // Messages follow the account's language once logged in: these tests read them in English.
  await ctx.db.updateTable('accounts').set({ language: 'en' }).execute();
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const english = { 'accept-language': 'en' };
const publicReferral = (overrides: Record<string, unknown>) => ({
  language: 'en',
  name: 'Layla',
  gender: 'female',
  nationality: 'SY',
  replyChannel: 'no_contact',
  consent: true,
  ...overrides,
});
const newClient = (overrides: Record<string, unknown>) => ({
  name: 'Test Person',
  birthDate: '1990-01-01',
  gender: 'female',
  nationality: 'NG',
  ...overrides,
});

describe('text in a request', () => {
  it('a NUL character in the public form is a validation error naming the field, and nothing is saved', async () => {
    const before = await ctx.db
      .selectFrom('referrals')
      .select(({ fn }) => fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    const response = await injectJson(app, 'POST', '/api/v1/public/referrals', english, publicReferral({ name: 'Lay\u0000la' }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details).toEqual([
      {
        field: 'name',
        problem: 'control_character',
        message: 'name: contains a control character (such as a null character) that cannot be saved.',
      },
    ]);
    const after = await ctx.db
      .selectFrom('referrals')
      .select(({ fn }) => fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    expect(after.count).toEqual(before.count);
  });

  it('control characters are refused in nested fields, query strings and field names; tabs and line breaks are text', async () => {
    const headers = { ...(await sessionFor(ctx, caseworker.id)), ...english };
    const nested = await injectJson(app, 'POST', '/api/v1/clients', headers, newClient({ contact: 'Signal\u001b[2J' }));
    expect(nested.body.error.details).toEqual([expect.objectContaining({ field: 'contact', problem: 'control_character' })]);
    const key = await injectJson(app, 'POST', '/api/v1/clients', headers, { ...newClient({}), 'x\u0000': 1 });
    expect(key.status).toBe(400);
    const query = await app.inject({ method: 'GET', url: '/api/v1/statistics/annual/2024?form=%00', headers });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details).toEqual([expect.objectContaining({ field: 'form', problem: 'control_character' })]);
    const lines = await injectJson(
      app,
      'POST',
      '/api/v1/clients',
      headers,
      newClient({ contact: 'Signal\tafter 18:00\r\nnot on Sundays' }),
    );
    expect(lines.status).toBe(201);
  });

  it('a name cannot contain characters that change the direction of the text; free text can', async () => {
    const headers = { ...(await sessionFor(ctx, caseworker.id)), ...english };
    const name = await injectJson(app, 'POST', '/api/v1/clients', headers, newClient({ name: 'Anna \u202Eevil\u202C' }));
    expect(name.status).toBe(400);
    expect(name.body.error.details).toEqual([
      {
        field: 'name',
        problem: 'bidi_control',
        message: 'name: contains a character that changes the direction of the text; names cannot contain it.',
      },
    ]);
    const account = await injectJson(
      app,
      'POST',
      '/api/v1/admin/accounts',
      { ...(await sessionFor(ctx, administrator.id)), ...english },
      { username: 'someone@test.polku', displayName: '\u2067Someone', role: 'researcher' },
    );
    expect(account.body.error.details).toEqual([expect.objectContaining({ field: 'displayName', problem: 'bidi_control' })]);
    const arabic = await injectJson(
      app,
      'POST',
      '/api/v1/clients',
      headers,
      newClient({ contact: 'واتساب \u2067+358 40 000 0000\u2069 بعد الساعة 18' }),
    );
    expect(arabic.status).toBe(201);
  });
});

describe('the reason for opening a record', () => {
  it('a broken percent-encoding is a translated validation error, not a failure', async () => {
    const client = await makeClient(ctx, caseworker);
    const headers = { ...(await sessionFor(ctx, director.id)), ...english };
    for (const reason of ['%E0%A4%A', '100%', 'why%00not']) {
      const response = await injectJson(app, 'GET', `/api/v1/clients/${client.id}`, { ...headers, 'x-polku-access-reason': reason });
      expect(response.status, reason).toBe(400);
      expect(response.body.error.details, reason).toEqual([
        expect.objectContaining({
          field: 'x-polku-access-reason',
          problem: reason.includes('%00') ? 'control_character' : 'percent_encoding',
        }),
      ]);
      expect(response.body.error.details[0].message).not.toMatch(/^errors\./);
    }
    const opened = await injectJson(app, 'GET', `/api/v1/clients/${client.id}`, {
      ...headers,
      'x-polku-access-reason': encodeURIComponent('Kriisi: äkillinen uhka'),
    });
    expect(opened.status).toBe(200);
  });
});

describe('references to what does not exist', () => {
  it('an unknown office or organisation is named', async () => {
    const client = await injectJson(
      app,
      'POST',
      '/api/v1/clients',
      { ...(await sessionFor(ctx, caseworker.id)), ...english },
      newClient({ officeId: 'atlantis' }),
    );
    expect(client.status).toBe(400);
    expect(client.body.error).toEqual({ code: 'unknown_office', message: 'The office does not exist.' });
    const account = await injectJson(
      app,
      'POST',
      '/api/v1/admin/accounts',
      { ...(await sessionFor(ctx, administrator.id)), ...english },
      { username: 'partner-x@test.polku', displayName: 'Partner X', role: 'partner', organisationId: 'atlantis' },
    );
    expect(account.status).toBe(400);
    expect(account.body.error.code).toBe('unknown_organisation');
  });

  it('a path with a broken percent-encoding or an overlong id gets the one error shape', async () => {
    const headers = { ...(await sessionFor(ctx, caseworker.id)), ...english };
    const broken = await app.inject({ method: 'GET', url: '/api/v1/clients/%E0%A4%A', headers });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({ error: { code: 'invalid_request', message: 'The request is not valid.' } });
    // Too long for any route's parameter: 414, or 404 from the web app's catch-all when the app is built.
    const overlong = await app.inject({ method: 'GET', url: `/api/v1/clients/${'x'.repeat(500)}`, headers });
    expect([414, 404]).toContain(overlong.statusCode);
    expect(overlong.json()).toEqual(
      overlong.statusCode === 414
        ? { error: { code: 'invalid_request', message: 'The request is not valid.' } }
        : { error: { code: 'not_found', message: expect.any(String) } },
    );
  });
});
