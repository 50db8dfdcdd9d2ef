import { fileResponse, uuid } from '../../server/schemaParts.ts';
import type { Api } from '../../server/context.ts';
import type { FastifyRequest } from 'fastify';
import { isLanguage } from '../../core/i18n/i18n.ts';
import { AppError } from '../../core/errors.ts';
import { annualStatistics, firstDataYear } from './service.ts';
import { downloadRows, toCsv, toXlsx } from './download.ts';
import { releaseById } from './releases.ts';
import { reportSchema, yearParams, yearText } from './schema.ts';

const formQuery = { form: { type: 'string', enum: ['internal', 'published'], default: 'published' } } as const;

export async function statisticsRoutes(app: Api) {
  const ctx = app.polku;
  const who = (request: FastifyRequest) => ({
    actor: request.actor!,
    actorId: request.actor!.id,
    actorRole: request.actor!.role,
    ip: request.ip,
  });

  app.get(
    '/api/v1/statistics/annual/:year',
    {
      config: { access: 'statistics.published' },
      schema: {
        tags: ['statistics'],
        params: yearParams,
        querystring: { type: 'object', additionalProperties: false, properties: formQuery },
        response: { 200: reportSchema },
      },
    },
    async (request) => ({
      ...(await annualStatistics(ctx, who(request), Number(request.params.year), request.query.form)),
      firstYear: await firstDataYear(ctx.db),
    }),
  );

  // The same report as a file, optionally beside another year; counts hidden in the published form stay empty.
  app.get(
    '/api/v1/statistics/annual/:year/download',
    {
      config: { access: 'statistics.published' },
      schema: {
        tags: ['statistics'],
        params: yearParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['format'],
          properties: {
            ...formQuery,
            // csv-semicolon: the CSV that opens in columns in a spreadsheet set for Finland (semicolons).
            format: { type: 'string', enum: ['csv', 'csv-semicolon', 'xlsx'] },
            compare: yearText,
            // A release of the year superseded by a correction, downloaded as it was published.
            release: uuid,
            language: { type: 'string', enum: ['fi', 'sv', 'en'] },
          },
        },
        response: fileResponse('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      },
    },
    async (request, reply) => {
      const year = Number(request.params.year);
      const { form, format } = request.query;
      const compare = request.query.compare === undefined ? undefined : Number(request.query.compare);
      const language = isLanguage(request.query.language) ? request.query.language : request.language;
      const years = compare !== undefined && compare !== year ? [compare, year].sort() : [year];
      const reports = [];
      for (const each of years) {
        if (each === year && request.query.release && form === 'published') {
          const { tables, ...release } = await releaseById(ctx.db, request.query.release);
          if (release.year !== year) throw new AppError(404, 'statistics_release_not_found');
          reports.push({ year, published: true as const, tables, release });
        } else reports.push(await annualStatistics(ctx, who(request), each, form));
      }
      const rows = downloadRows(reports, language);
      const name = `polku-statistics-${years.join('-')}-${form}`;
      reply.header(
        'content-disposition',
        `attachment; filename="${name}${format === 'csv-semicolon' ? '-semicolon' : ''}.${format === 'xlsx' ? 'xlsx' : 'csv'}"`,
      );
      if (format !== 'xlsx') return reply.type('text/csv; charset=utf-8').send(toCsv(rows, format === 'csv' ? ',' : ';'));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(toXlsx(rows, `Polku ${years.join('-')}`)));
    },
  );
}
