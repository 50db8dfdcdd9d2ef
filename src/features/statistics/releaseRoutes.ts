import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../../server/context.ts';
import { AppError } from '../../core/errors.ts';
import { fileResponse } from '../../server/schemaParts.ts';
import { toCsv } from './download.ts';
import { publicStatistics, seriesColumns, seriesRows, yearColumns, yearRows } from './openData.ts';
import { listReleases, previewRelease, publishRelease, releaseById } from './releases.ts';
import { publishBody, releaseIdParams, releasePreviewResponse, releaseResponse, releasesResponse, yearParams } from './schema.ts';

/** How long a browser or a cache may keep the open data: a correction shows within five minutes. */
const OPEN_DATA_MAX_AGE = 300;
const formatQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
} as const;

/** The releases of the published statistics: listing and reading them, the director's preview and publishing. */
export async function releaseRoutes(app: Api) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({ actorId: request.actor!.id, actorRole: request.actor!.role, ip: request.ip });

  app.get(
    '/api/v1/statistics/releases',
    { config: { access: 'statistics.published' }, schema: { tags: ['statistics'], response: { 200: releasesResponse } } },
    async () => ({ releases: await listReleases(ctx.db) }),
  );

  app.get(
    '/api/v1/statistics/releases/:id',
    {
      config: { access: 'statistics.published' },
      schema: { tags: ['statistics'], params: releaseIdParams, response: { 200: releaseResponse } },
    },
    async (request) => releaseById(ctx.db, request.params.id),
  );

  app.get(
    '/api/v1/statistics/annual/:year/release-preview',
    {
      config: { access: 'statistics.publish' },
      schema: { tags: ['statistics'], params: yearParams, response: { 200: releasePreviewResponse } },
    },
    async (request) => previewRelease(ctx, who(request), Number(request.params.year)),
  );

  app.post(
    '/api/v1/statistics/annual/:year/releases',
    {
      config: { access: 'statistics.publish' },
      schema: {
        tags: ['statistics'],
        params: yearParams,
        body: publishBody,
        response: { 201: releasesResponse.properties.releases.items },
      },
    },
    async (request, reply) => {
      const release = await publishRelease(ctx, who(request), Number(request.params.year), request.body);
      return reply.code(201).send(release);
    },
  );

  // Open data, no login: the newest release of each year and the time series, in the published form
  // only, exactly as published. Not audited: nothing in them is about a person, and anyone may read
  // them as often as they like (caches help: `publicCache`).
  const openData = { access: 'public', publicCache: OPEN_DATA_MAX_AGE } as const;
  const send = (reply: FastifyReply, format: 'json' | 'csv', name: string, json: unknown, rows: () => string[][]) => {
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
    reply.header('content-disposition', `attachment; filename="${name}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(toCsv(rows()));
  };

  app.get(
    '/api/v1/public/statistics',
    { config: openData, schema: { tags: ['open data'], response: fileResponse('application/json') } },
    async (_request, reply) => {
      // What is published, and the columns of its files: enough for a program to find the rest.
      const { years, timeSeries } = await publicStatistics(ctx.db);
      const index = {
        years: years.map(({ tables: _tables, ...release }) => release),
        timeSeries: timeSeries?.release ?? null,
        columns: { year: yearColumns, timeSeries: seriesColumns },
      };
      return send(reply, 'json', '', index, () => []);
    },
  );

  app.get(
    '/api/v1/public/statistics/time-series',
    { config: openData, schema: { tags: ['open data'], querystring: formatQuery, response: fileResponse('application/json', 'text/csv') } },
    async (request, reply) => {
      const { timeSeries } = await publicStatistics(ctx.db);
      if (!timeSeries) throw new AppError(404, 'statistics_nothing_published');
      return send(reply, request.query.format, 'polku-new-clients-by-year', timeSeries, () => seriesRows(timeSeries));
    },
  );

  app.get(
    '/api/v1/public/statistics/:year',
    {
      config: openData,
      schema: { tags: ['open data'], params: yearParams, querystring: formatQuery, response: fileResponse('application/json', 'text/csv') },
    },
    async (request, reply) => {
      const year = Number(request.params.year);
      const release = (await publicStatistics(ctx.db)).years.find((each) => each.year === year);
      if (!release) throw new AppError(404, 'statistics_not_published', { year });
      const { tables, ...about } = release;
      return send(
        reply,
        request.query.format,
        `polku-statistics-${year}-release-${release.version}`,
        { ...about, published: true, tables },
        () => yearRows(release),
      );
    },
  );
}
