import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { can, roles, type Action, type Role } from '../src/core/policy/policy.ts';
import { createTestContext, type TestContext } from './support/testContext.ts';
import { injectJson, makeAccount, makeClient, sessionFor, type TestAccount } from './support/factories.ts';

/**
 * Every route in the OpenAPI document × malformed requests made from its own schema: wrong types,
 * missing and extra fields, huge and negative numbers, long strings, control characters, invalid
 * ids, broken JSON, a wrong content type, broken percent-encoding. Whatever a caller sends, the
 * answer is a translated 4xx (or a success), never a 5xx. Each request is sent as the most
 * privileged role the policy lets through, so it reaches validation and the service behind it.
 */

type Schema = {
  [key: string]: unknown;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
};
type Operation = {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Variant = {
  name: string;
  path?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
};

/** The order in which roles are tried: the first the policy allows a route is the one sending. */
const privilege: Role[] = ['director', 'caseworker', 'administrator', 'nurse', 'coach', 'partner', 'researcher'];
/** Enough variants per route to reach every field of the larger bodies, few enough to stay quick. */
const MAX_VARIANTS_PER_ROUTE = 160;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** Longer than any maxLength in the schemas (the longest is 20,000), short enough to send many times. */
const LONG = 'x'.repeat(30_000);

let ctx: TestContext;
let app: FastifyInstance;
const accounts = {} as Record<Role, TestAccount>;
let clientId: string;
let targetAccountId: string;
let referralId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const role of roles) accounts[role] = await makeAccount(ctx, role);
  clientId = (await makeClient(ctx, accounts.caseworker)).id;
  for (const role of ['nurse', 'coach'] as const)
    await ctx.db.insertInto('client_assignments').values({ client_id: clientId, account_id: accounts[role].id }).execute();
  targetAccountId = (await makeAccount(ctx, 'coach')).id;
  const referral = await injectJson(app, 'POST', '/api/v1/referrals', await sessionFor(ctx, accounts.caseworker.id), {
    source: 'reception_centre',
    person: {
      name: 'Fuzz Person',
      birthDate: '1996-04-02',
      gender: 'female',
      nationality: 'NG',
      languages: ['en'],
      safePlace: true,
      acuteThreat: false,
    },
    exploitation: { purposes: ['forced_labour'], place: 'finland', sector: 'I', meansOfControl: ['debt_bondage'], recruitment: 'online' },
    residenceStatus: 'asylum_seeker',
    account: 'Worked without pay.',
    consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'in_writing' },
  });
  expect(referral.status).toBe(201);
  referralId = referral.body.id;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** A value each path parameter accepts, so the other variants reach past the route's lookup. */
function validPathValue(url: string, name: string): string {
  if (name === 'year') return '2024';
  if (name === 'start') return '2024-01-01';
  if (name === 'personId') return clientId;
  if (name !== 'id') return UNKNOWN_ID;
  if (url.startsWith('/api/v1/admin/accounts/')) return targetAccountId;
  if (url.startsWith('/api/v1/referrals/')) return referralId;
  if (url.startsWith('/api/v1/clients/')) return clientId;
  return UNKNOWN_ID;
}

const typeOf = (schema: Schema): string | undefined => [schema.type].flat().find((type) => type !== 'null') as string | undefined;
/** The alternatives of a value that has no type of its own (`nullable(…)`, a choice of shapes). */
const optionsOf = (schema: Schema) => (typeOf(schema) ? undefined : ((schema.anyOf ?? schema.oneOf) as Schema[] | undefined));

/** A plausible value for a schema: the base each variant breaks in one place. */
function sample(schema: Schema | undefined, name = ''): unknown {
  if (!schema) return 'x';
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = optionsOf(schema);
  if (options) return sample(options.find((option) => typeOf(option)) ?? options[0], name);
  switch (typeOf(schema)) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value, key)]));
    case 'array': {
      const items = schema.items ?? {};
      if (Array.isArray(items.enum)) return items.enum.slice(0, Math.max(1, Number(schema.minItems ?? 1)));
      return [sample(items, name)];
    }
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      if (schema.format === 'uuid') return /worker|assignee|account/i.test(name) ? accounts.caseworker.id : clientId;
      if (schema.format === 'date') return '2024-01-15';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'someone@example.fi';
      if (name === 'officeId') return 'helsinki';
      if (name === 'organisationId') return 'riku';
      if (typeof schema.pattern === 'string' && schema.pattern.includes('[A-Z]{2}')) return 'FI';
      if (typeof schema.pattern === 'string' && schema.pattern.includes('[a-z]{2')) return 'fi';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    }
  }
}

/** Every place in a body a value sits, with its schema: object properties and an array's first item. */
function leaves(schema: Schema, path: Array<string | number> = []): Array<{ path: Array<string | number>; schema: Schema }> {
  const options = optionsOf(schema);
  const inner = options?.find((option) => typeOf(option)) ?? schema;
  const found = path.length ? [{ path, schema: inner }] : [];
  if (typeOf(inner) === 'object')
    for (const [key, value] of Object.entries(inner.properties ?? {})) found.push(...leaves(value, [...path, key]));
  if (typeOf(inner) === 'array' && inner.items && typeOf(inner.items) === 'object') found.push(...leaves(inner.items, [...path, 0]));
  return found;
}

function withValueAt(base: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) {
    if (node[step] === null || typeof node[step] !== 'object') node[step] = typeof path[path.indexOf(step) + 1] === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

/** The wrong values tried in one place, by the kind of value the schema expects there. */
function wrongValues(schema: Schema, name: string): Array<[string, unknown]> {
  const type = typeOf(schema);
  const wrong: Array<[string, unknown]> = [
    ['null', null],
    ['wrong type', type === 'string' || !type ? 12345 : 'x'],
  ];
  if (type === 'string' || !type) {
    wrong.push(
      ['NUL', 'a\u0000b'],
      ['control characters', 'a\u0001\u001bb'],
      ['bidirectional override', '\u202Egpj.exe\u202C'],
      ['very long string', LONG],
      ['empty string', ''],
    );
    if (/id$/i.test(name) || schema.format === 'uuid')
      wrong.push(['unknown reference', schema.format === 'uuid' ? UNKNOWN_ID : 'no-such-thing']);
  }
  if (type === 'integer' || type === 'number')
    wrong.push(['huge number', 1e308], ['negative number', -1], ['beyond safe integers', 2 ** 53 + 5], ['fraction', 1.5]);
  if (type === 'array') {
    wrong.push(['empty array', []], ['huge array', Array.from({ length: 2000 }, () => sample(schema.items, name))]);
    if (schema.items && typeOf(schema.items) !== 'object')
      wrong.push(
        ['NUL in an item', ['a\u0000b']],
        ['unknown reference in an item', [schema.items.format === 'uuid' ? UNKNOWN_ID : 'no-such-thing']],
      );
  }
  if (type === 'object') wrong.push(['empty object', {}], ['array for an object', []]);
  return wrong;
}

function variantsOf(url: string, method: string, operation: Operation): Variant[] {
  const variants: Variant[] = [];
  const parameters = operation.parameters ?? [];
  const pathNames = parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  for (const name of pathNames) {
    for (const [label, value] of [
      ['not an id', 'not-an-id'],
      ['unknown id', UNKNOWN_ID],
      ['percent-encoded NUL', '%00'],
      ['malformed percent-encoding', '%E0%A4%A'],
      ['negative number', '-1'],
      ['huge number', '9'.repeat(40)],
      ['very long', 'x'.repeat(5000)],
    ] as const) {
      variants.push({ name: `path ${name}: ${label}`, path: { [name]: value } });
    }
  }
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    for (const [label, value] of [
      ['unknown value', 'zzz'],
      ['percent-encoded NUL', '%00'],
      ['malformed percent-encoding', '%E0%A4%A'],
      ['very long', 'x'.repeat(5000)],
      ['given twice', `a&${parameter.name}=b`],
    ] as const) {
      variants.push({ name: `query ${parameter.name}: ${label}`, query: `${parameter.name}=${value}` });
    }
  }
  variants.push({ name: 'query: malformed percent-encoding', query: '%E0%A4%A=%' });
  for (const parameter of parameters.filter((p) => p.in === 'header')) {
    for (const [label, value] of [
      ['malformed percent-encoding', '%E0%A4%A'],
      ['percent-encoded NUL', 'why%00not'],
      ['percent-encoded control characters', '%1B%5B2J'],
      ['percent-encoded bidirectional override', '%E2%80%AEevil'],
      ['very long', 'x'.repeat(5000)],
      ['lone percent', '%'],
    ] as const) {
      variants.push({ name: `header ${parameter.name}: ${label}`, headers: { [parameter.name]: value } });
    }
  }
  if (['GET', 'HEAD'].includes(method)) return variants;

  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const base = schema ? sample(schema) : {};
  const json = (value: unknown) => JSON.stringify(value);
  variants.push(
    { name: 'body: invalid JSON', body: '{"a":' },
    { name: 'body: empty with a JSON content type', body: '' },
    { name: 'body: wrong content type', body: json(base), contentType: 'text/plain' },
    { name: 'body: unknown content type', body: json(base), contentType: 'application/x-unknown' },
    { name: 'body: NDJSON with NUL', body: '{"a":"\u0000"}\n\u0000\n', contentType: 'application/x-ndjson' },
    { name: 'body: an array', body: '[]' },
    { name: 'body: a string', body: '"x"' },
    { name: 'body: null', body: 'null' },
    { name: 'body: missing fields', body: '{}' },
    { name: 'body: extra field', body: json({ ...(base as object), unexpected: 1 }) },
    { name: 'body: NUL in a field name', body: json({ ...(base as object), 'a\u0000': 'x' }) },
    { name: 'body: deeply nested', body: '['.repeat(5000) + ']'.repeat(5000) },
  );
  if (schema) {
    for (const leaf of leaves(schema)) {
      const name = String(leaf.path.filter((step) => typeof step === 'string').at(-1) ?? '');
      for (const [label, value] of wrongValues(leaf.schema, name)) {
        variants.push({ name: `body ${leaf.path.join('.')}: ${label}`, body: json(withValueAt(base, leaf.path, value)) });
      }
    }
  }
  // The plausible body last: it may change what the other variants meet (a decided referral).
  variants.push({ name: 'body: plausible', body: json(base) });
  return variants;
}

function senderOf(access: string | undefined): Role {
  if (!access || ['public', 'session', 'mfa'].includes(access)) return 'director';
  return privilege.find((role) => can(accounts[role].actor, access as Action)) ?? 'director';
}

/** A message that is its own key was not translated. */
const untranslated = (text: unknown) => typeof text !== 'string' || /^errors\./.test(text);

describe('no input gives a 5xx', () => {
  it('every route in the OpenAPI document answers malformed requests with a 4xx or a success', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const failures: string[] = [];
    let sent = 0;
    const sessions: Partial<Record<Role, Record<string, string>>> = {};
    const started = Date.now();
    for (const [openApiUrl, operations] of Object.entries(document.paths)) {
      for (const [lowerMethod, operation] of Object.entries(operations)) {
        const method = lowerMethod.toUpperCase();
        const pattern = openApiUrl.replace(/\{(\w+)\}/g, ':$1');
        const access = app.apiRoutes.find((route) => route.method === method && route.url === pattern)?.access;
        const role = senderOf(access);
        for (const variant of variantsOf(pattern, method, operation).slice(-MAX_VARIANTS_PER_ROUTE)) {
          const url =
            openApiUrl.replace(/\{(\w+)\}/g, (_, name: string) => variant.path?.[name] ?? validPathValue(pattern, name)) +
            (variant.query ? `?${variant.query}` : '');
          const hasBody = variant.body !== undefined;
          const send = async () => {
            sent += 1;
            return app.inject({
              method: method as 'GET',
              url,
              headers: {
                ...(sessions[role] ??= await sessionFor(ctx, accounts[role].id)),
                ...variant.headers,
                ...(hasBody ? { 'content-type': variant.contentType ?? 'application/json' } : {}),
              },
              payload: variant.body,
            });
          };
          let response = await send();
          // A variant may have ended the session (logging out): the next one starts a new session.
          if (response.statusCode === 401) {
            delete sessions[role];
            response = await send();
          }
          const label = `${method} ${pattern} as ${role}, ${variant.name}`;
          if (response.statusCode >= 500) {
            failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          } else if (response.statusCode >= 400 && response.headers['content-type']?.toString().startsWith('application/json')) {
            const error = response.json().error;
            if (
              untranslated(error?.message) ||
              (error?.details ?? []).some((detail: { message: unknown }) => untranslated(detail.message))
            ) {
              failures.push(`${label}: untranslated ${response.body.slice(0, 300)}`);
            }
          }
        }
      }
    }
    console.log(`fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 180_000);
});
