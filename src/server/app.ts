import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext, ApiRoute } from './context.ts';
import { notFound } from '../core/errors.ts';
import { registerErrorHandling, errorResponseSchema, frameworkErrors } from './errors.ts';
import { registerInputText } from './inputText.ts';
import { registerRequestContext } from './requestContext.ts';
import { registerHostCheck, registerSecurity } from './security.ts';
import { registerFieldGroupFilter } from './fieldGroupFilter.ts';
import { refusalLog } from '../core/audit/refusals.ts';
import { closedResponses } from './schemaParts.ts';
import type { Feature } from './feature.ts';
import { auth } from '../features/auth/index.ts';
import { accounts } from '../features/accounts/index.ts';
import { organisations } from '../features/organisations/index.ts';
import { clients } from '../features/clients/index.ts';
import { statistics } from '../features/statistics/index.ts';
import { referrals } from '../features/referrals/index.ts';
import { casework } from '../features/casework/index.ts';
import { reflection } from '../features/reflection/index.ts';
import { identification } from '../features/identification/index.ts';
import { exchange } from '../features/exchange/index.ts';
import { coaching } from '../features/coaching/index.ts';
import { study } from '../features/study/index.ts';
import { installation } from '../features/installation/index.ts';
import { overview } from '../features/overview/index.ts';
import { pathway } from '../features/pathway/index.ts';

/** Every feature of Polku: its routes and its parts of a client's record. */
const features: Feature[] = [
  auth,
  accounts,
  organisations,
  clients,
  statistics,
  referrals,
  casework,
  reflection,
  identification,
  exchange,
  coaching,
  study,
  installation,
  overview,
  pathway,
];

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(ctx: AppContext, options: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.POLKU_TRUST_PROXY === '1',
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false } },
    frameworkErrors,
  });
  app.decorate('polku', ctx);
  registerHostCheck(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Polku API', version: '1' },
      components: { schemas: { Error: errorResponseSchema as object } },
    },
  });
  registerErrorHandling(app);
  registerRequestContext(app);
  registerSecurity(app);
  registerFieldGroupFilter(app);
  // Repeated refusals counted in memory are written before the server stops.
  app.addHook('onClose', async () => refusalLog(ctx.db, ctx.keyring.auditKey).flush(true));
  registerInputText(app);

  // Every error response has the one shape; declare it for the OpenAPI document.
  // The route list lets the permission test prove that every API route is in its table.
  const routes: ApiRoute[] = [];
  app.decorate('apiRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.method !== 'HEAD') {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access });
    }
    if (route.url.startsWith('/api/') && route.schema) {
      route.schema.response = {
        ...closedResponses(route.schema.response as Record<string, object> | undefined),
        '4XX': errorResponseSchema,
      };
    }
  });

  await app.register(async (api) => {
    const recordParts = features.flatMap((feature) => feature.recordParts ?? []);
    for (const feature of features) await feature.routes(api.withTypeProvider<JsonSchemaToTsProvider>(), { recordParts });
    api.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => api.swagger());
    api.get('/api/v1/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ ok: true }));
  });

  if (fs.existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, index: false, wildcard: false, maxAge: '1h' });
    const indexHtml = fs.readFileSync(path.join(webRoot, 'index.html'));
    // The web app routes in the browser: any other GET outside the API gets the shell.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) throw notFound();
      return reply.type('text/html').header('cache-control', 'no-store').send(indexHtml);
    });
  }
  return app;
}
