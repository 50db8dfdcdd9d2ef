import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { languages, loadLocale, translate } from '../core/i18n/i18n.ts';
import { buildApp } from './app.ts';
import { registerErrorHandling } from './errors.ts';
import { patternProblems } from './schemaParts.ts';
import { createTestContext, type TestContext } from '../../test/support/testContext.ts';

/**
 * Every keyword whose failure Ajv reports (its core, validation, applicator, format, draft-07
 * dependencies, unevaluated and discriminator vocabularies), as the `problem` a detail names:
 * each needs `errors.field.<problem>` in every language, or a person sees a raw key.
 */
const ajvProblems = [
  'type',
  'required',
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'falseSchema',
  'discriminator',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'contains',
  'minContains',
  'maxContains',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
];
/** Keywords that describe or combine and never fail by themselves. */
const silentKeywords = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  'properties',
  'patternProperties',
  'prefixItems',
  'allOf',
  'then',
  'else',
  'dependentSchemas',
  'nullable',
  'contentMediaType',
  'contentEncoding',
]);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const catalogs = Object.fromEntries(languages.map((language) => [language, loadLocale(language)]));
const fieldMessages = (language: string) => (catalogs[language].errors as { field: Record<string, string> }).field;

/** Every keyword used by a schema, walking into subschemas. */
function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => keywordsOf(item, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      found.add(key);
      if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions')
        Object.values(value as object).forEach((inner) => keywordsOf(inner, found));
      else if (key !== 'enum' && key !== 'const' && key !== 'required' && key !== 'examples' && key !== 'default') keywordsOf(value, found);
    }
  }
  return found;
}

describe('validation messages', () => {
  it('every problem Ajv can report, and every rule of ours, is translated in Finnish, Swedish and English', () => {
    const problems = [...ajvProblems, ...new Set(Object.values(patternProblems)), 'control_character', 'bidi_control', 'percent_encoding'];
    for (const language of languages) {
      const missing = problems.filter((problem) => typeof fieldMessages(language)[problem] !== 'string');
      expect(missing, language).toEqual([]);
    }
  });

  it('the request schemas of every route use only keywords whose problems are known', async () => {
    const app = await buildApp(ctx);
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ schema?: unknown }>; requestBody?: { content?: Record<string, { schema?: unknown }> } }>
      >;
    };
    await app.close();
    const used = new Set<string>();
    for (const operation of Object.values(document.paths).flatMap((operations) => Object.values(operations))) {
      for (const parameter of operation.parameters ?? []) keywordsOf(parameter.schema, used);
      for (const content of Object.values(operation.requestBody?.content ?? {})) keywordsOf(content.schema, used);
    }
    expect(used.size).toBeGreaterThan(10);
    const unknown = [...used].filter((keyword) => !silentKeywords.has(keyword) && !ajvProblems.includes(keyword));
    expect(unknown, 'keywords with no known problem: translate them and add them to the list').toEqual([]);
  });
});

describe('refusals by the database', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // A bare route that writes a reference as given: the error handler is the only net under it.
    app = Fastify();
    registerErrorHandling(app);
    app.post<{ Params: { clientId: string } }>('/clients/:clientId/assignment', async (request) => {
      await ctx.db
        .insertInto('client_assignments')
        .values({ client_id: request.params.clientId, account_id: '00000000-0000-4000-8000-000000000001' })
        .execute();
      return {};
    });
    app.post('/client', async () => {
      const id = '00000000-0000-4000-8000-000000000002';
      await ctx.db
        .insertInto('persons')
        .values({ id, register_id: id, office_id: 'atlantis', name: null, gender: 'female', nationality: 'NG' } as never)
        .execute();
      return {};
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('an unknown reference is a translated 400, or a 404 when it is the resource in the path', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/client' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: { code: 'unknown_reference', message: translate('fi', 'errors.unknown_reference') } });
    const missing = await app.inject({ method: 'POST', url: '/clients/00000000-0000-4000-8000-000000000009/assignment' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});
