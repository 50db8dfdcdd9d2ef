import { Readable } from 'node:stream';
import type { Api } from '../../server/context.ts';
import { AppError } from '../../core/errors.ts';
import { helsinkiDate } from '../../core/dates.ts';
import type { Language } from '../../core/i18n/i18n.ts';
import { fileResponse, idParams } from '../../server/schemaParts.ts';
import { writeRegister } from './exportRegister.ts';
import { ImportJobs, type ImportJob } from './importJobs.ts';
import { createdCount } from './importRegister.ts';
import { describeProblem } from './validateExchangeFile.ts';

/** A national register of 100,000 clients is about 60 MB as an exchange file. */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** The problems a page shows; the count says how many there are in all. */
const PROBLEMS_SHOWN = 1000;
const NDJSON = 'application/x-ndjson';

const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    state: { type: 'string' },
    done: { type: 'integer' },
    total: { type: 'integer' },
    summary: { type: 'object', properties: { lines: { type: 'integer' }, created: { type: 'integer' }, unchanged: { type: 'integer' } } },
    problemCount: { type: 'integer' },
    problems: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, message: { type: 'string' } } } },
  },
} as const;

/** The register in and out from the web, for administrators: the same import and export as `polku import/export`. */
export async function exchangeRoutes(app: Api) {
  const ctx = app.polku;
  const jobs = new ImportJobs(ctx, app.log);
  app.addContentTypeParser(NDJSON, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const view = (job: ImportJob, language: Language) => ({
    id: job.id,
    state: job.state,
    done: job.done,
    total: job.total,
    ...(job.summary ? { summary: { lines: job.summary.lines, created: createdCount(job.summary), unchanged: job.summary.unchanged } } : {}),
    ...(job.problems
      ? {
          problemCount: job.problems.length,
          problems: job.problems
            .slice(0, PROBLEMS_SHOWN)
            .map((problem) => ({ line: problem.line, message: describeProblem(language, problem) })),
        }
      : {}),
  });

  app.post(
    '/api/v1/exchange/imports',
    {
      config: { access: 'exchange.import' },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: { tags: ['exchange'], consumes: [NDJSON], response: { 202: jobSchema } },
    },
    async (request, reply) => {
      if (typeof request.body !== 'string') throw new AppError(415, 'unsupported_media_type');
      if (request.body.trim() === '') throw new AppError(400, 'import_empty');
      const job = await jobs.start({ ...request.auditBase(), actorId: request.actor!.id }, request.body);
      return reply.code(202).send(view(job, request.language));
    },
  );

  app.get(
    '/api/v1/exchange/imports/:id',
    {
      config: { access: 'exchange.import' },
      schema: { tags: ['exchange'], params: idParams, response: { 200: jobSchema } },
    },
    async (request) => view(await jobs.find(request.params.id, request.actor!.id), request.language),
  );

  app.get(
    '/api/v1/exchange/export',
    { config: { access: 'exchange.export' }, schema: { tags: ['exchange'], response: fileResponse(NDJSON) } },
    async (request, reply) => {
      // Sent as the pieces it was written in: a large register is never joined into one string.
      const pieces: string[] = [];
      const { omitted } = await writeRegister(ctx.db, ctx.keyring, request.auditBase(), (text) => pieces.push(text));
      reply.header('content-disposition', `attachment; filename="polku-register-${helsinkiDate()}.ndjson"`);
      reply.header('x-polku-omitted', String(omitted));
      return reply.type(`${NDJSON}; charset=utf-8`).send(Readable.from(pieces));
    },
  );
}
