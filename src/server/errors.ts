import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';
import { translate, type Language } from '../core/i18n/i18n.ts';

/** Fastify's own client errors, given stable codes of ours. */
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
};

export const errorResponseSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
} as const;

/** One error shape everywhere: { error: { code, message, details? } }, the message in the reader's language. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const language = request.language ?? 'fi';
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (error.validation) {
      appError = new AppError(400, 'validation_failed', {}, error.validation.map((issue) => ({
        field: fieldOf(issue.instancePath, issue.params as Record<string, unknown>),
        problem: issue.keyword,
      })));
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
  const params = Object.fromEntries(Object.entries(error.params).map(([key, value]) => [key, value instanceof Date ? formatHelsinkiTime(value, language) : value]));
  return {
    error: {
      code: error.code,
      message: translate(language, `errors.${error.code}`, params),
      ...(error.details ? { details: error.details.map((detail) => ({ ...detail, message: translate(language, `errors.field.${detail.problem}`, { field: detail.field }) })) } : {}),
    },
  };
}

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
  return [path, extra].filter(Boolean).join('.') || '(body)';
}

export function formatHelsinkiTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(`${language}-FI`, { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' }).format(date);
}
