import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { languageFromHeader, translate, type Language } from '../core/i18n/i18n.ts';
import { patternProblems } from './schemaParts.ts';
import { isDatabaseUnavailable } from '../core/db/database.ts';

/** Fastify's own client errors, given stable codes of ours. */
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_BAD_URL: 'invalid_request',
  FST_ERR_MAX_PARAM_LENGTH: 'invalid_request',
};

/**
 * Errors from the routing itself (a malformed percent-encoding or an overlong parameter in the
 * path): Fastify answers them before any hook, so they get the one error shape here. The language
 * comes from the header, as no session has been read yet.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const language = languageFromHeader(request.headers['accept-language']);
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return reply
    .code(status)
    .type('application/json')
    .send(renderError(new AppError(status, fastifyCodes[error.code] ?? 'invalid_request'), language));
}

/**
 * PostgreSQL's refusals that a request can cause (SQLSTATE, the same from pg and PGlite): a
 * reference to something that does not exist, and data the column cannot hold. They are the
 * caller's error, not the server's; services name the field where they can, this is the net.
 */
function databaseError(error: unknown, request: FastifyRequest): AppError | null {
  const { code, severity, detail } = error as { code?: unknown; severity?: unknown; detail?: unknown };
  if (typeof code !== 'string' || typeof severity !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23503') {
    // "Key (client_id)=(…) is not present in table …": when the missing key is the route's own
    // resource, it is not found; any other unknown reference is a wrong value in the request.
    const key = typeof detail === 'string' ? /\)=\((.*)\) is not present/.exec(detail)?.[1] : undefined;
    const params = Object.values((request.params ?? {}) as Record<string, unknown>);
    if (key !== undefined && params.includes(key)) return new AppError(404, 'not_found');
    return new AppError(400, 'unknown_reference');
  }
  if (code.startsWith('22')) return new AppError(400, 'invalid_request');
  return null;
}

export const errorResponseSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
} as const;

/** One error shape everywhere: { error: { code, message, details? } }, the message in the reader's language. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const language = request.language ?? 'fi';
    let appError: AppError;
    const refusedByDatabase = error instanceof AppError ? null : databaseError(error, request);
    if (error instanceof AppError) {
      appError = error;
    } else if (error.validation) {
      appError = new AppError(
        400,
        'validation_failed',
        {},
        error.validation
          // An `if` fails because its branch did: the branch's own lines say what is wrong, so the `if` adds nothing.
          .filter((issue) => issue.keyword !== 'if' || error.validation!.length === 1)
          .map((issue) => ({
            field: fieldOf(issue.instancePath, issue.params as Record<string, unknown>),
            problem: problemOf(issue.keyword, issue.params as Record<string, unknown>),
          })),
      );
    } else if (isDatabaseUnavailable(error)) {
      // Nothing was written (a transaction that lost its connection is rolled back by the server);
      // the request may be tried again once the database is back.
      request.log.warn({ err: { type: error.name, code: error.code } }, 'database unavailable');
      appError = new AppError(503, 'database_unavailable');
      reply.header('retry-after', '5');
    } else if (refusedByDatabase) {
      request.log.warn({ err: { type: error.name, code: error.code } }, 'request refused by the database');
      appError = refusedByDatabase;
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      appError = new AppError(error.statusCode, fastifyCodes[error.code] ?? 'invalid_request');
    } else {
      request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'unexpected error');
      appError = new AppError(500, 'internal');
    }
    return reply.code(appError.status).type('application/json').send(renderError(appError, language));
  });

  app.setNotFoundHandler(async (request, reply) => {
    return reply.code(404).send(renderError(new AppError(404, 'not_found'), request.language ?? 'fi'));
  });
}

export function renderError(error: AppError, language: Language) {
  const params = Object.fromEntries(
    Object.entries(error.params).map(([key, value]) => [key, value instanceof Date ? formatHelsinkiTime(value, language) : value]),
  );
  return {
    error: {
      code: error.code,
      message: translate(language, `errors.${error.code}`, params),
      ...(error.details
        ? {
            details: error.details.map((detail) => ({
              ...detail,
              message: translate(language, `errors.field.${detail.problem}`, { field: detail.field }),
            })),
          }
        : {}),
    },
  };
}

/**
 * The problem a validation error names, translated by `errors.field.<problem>`: the schema keyword,
 * or for a pattern that stands for a rule of ours (schemaParts.ts) that rule's own problem.
 */
function problemOf(keyword: string, params: Record<string, unknown>): string {
  if (keyword === 'pattern' && typeof params.pattern === 'string' && patternProblems[params.pattern])
    return patternProblems[params.pattern];
  return keyword === 'false schema' ? 'falseSchema' : keyword;
}

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
  return [path, extra].filter(Boolean).join('.') || '(body)';
}

export function formatHelsinkiTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(`${language}-FI`, { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' }).format(date);
}
