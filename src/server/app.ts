import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
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
import { AuditChainer } from '../core/audit/audit.ts';
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
import { consultations } from '../features/consultations/index.ts';
import { publicSite } from '../features/publicSite/index.ts';
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
  consultations,
  publicSite,
  pathway,
];

/**
 * The audit entries a request wrote are linked into the chain before it is answered, so the access
 * log and the chain's head show them at once; requests arriving together share one run. A timer
 * links what other writers left (a command, a process that stopped between commit and linking).
 */
function registerAuditChaining(app: FastifyInstance, ctx: AppContext) {
  const chainer = new AuditChainer(ctx.db, ctx.keyring.auditKey);
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/v1/health')) await chainer.settle();
    return payload;
  });
  const timer = setInterval(() => void chainer.settle(), 1000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await chainer.settle();
  });
}

async function databaseAnswers(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 3000)));
  const query = sql`select 1`.execute(ctx.db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const builtWebApp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(
  ctx: AppContext,
  options: {
    logger?: boolean | object;
    /** The built web app; the build's own folder unless a test names another. */ webRoot?: string;
  } = {},
): Promise<FastifyInstance> {
  const webRoot = options.webRoot ?? builtWebApp;
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
  registerAuditChaining(app, ctx);
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
    // For a load balancer or supervisor: ready while the database answers; 503 while it does not.
    api.get('/api/v1/health/ready', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      const ready = await databaseAnswers(ctx);
      return reply
        .code(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ ready });
    });
  });

  if (fs.existsSync(webRoot)) {
    // The build writes each file also brotli- and gzip-compressed (vite.config.ts); the smallest the
    // browser accepts is sent. Files under assets/ carry a hash of their content in their names, so a
    // browser keeps them for a year without asking again; the shell names them and is asked for each time.
    await app.register(fastifyStatic, {
      root: webRoot,
      index: false,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        const hashed = path.relative(webRoot, file).startsWith(`assets${path.sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The web app routes in the browser: any other GET outside the API gets the shell.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) throw notFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
