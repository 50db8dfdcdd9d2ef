import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { textProblem, type TextProblem } from '../core/textRules.ts';

type Detail = { field: string; problem: string };

/**
 * Every string a request carries meets the text rules (core/textRules.ts) before the route's
 * schema or handler sees it: the body (JSON or text), the query string, the path parameters and
 * the headers the route declares. One check here instead of one per field, so a new route or field
 * cannot forget it.
 */
export function registerInputText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const details: Detail[] = [];
    collectProblems(request.body, [], details);
    collectProblems(request.query, [], details);
    collectProblems(request.params, [], details);
    for (const name of declaredHeaders(request)) collectProblems(request.headers[name], [name], details);
    if (details.length) throw new AppError(400, 'validation_failed', {}, details);
  });
}

function declaredHeaders(request: FastifyRequest): string[] {
  const schema = request.routeOptions.schema?.headers as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.properties ?? {}).map((name) => name.toLowerCase());
}

/** Walks a parsed value without recursion (a body may nest deeply), naming fields as validation errors do. */
function collectProblems(value: unknown, path: string[], details: Detail[]) {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path }];
  while (stack.length) {
    const { value: node, path: at } = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) details.push({ field: at.join('.') || '(body)', problem });
    } else if (node && typeof node === 'object' && !Buffer.isBuffer(node)) {
      for (const [key, inner] of Object.entries(node)) {
        // A field name is text too (jsonb refuses NUL in keys as in values); it is not echoed back.
        if (textProblem(key)) details.push({ field: at.join('.') || '(body)', problem: textProblem(key)! });
        else stack.push({ value: inner, path: [...at, key] });
      }
    }
  }
}

/**
 * A header carrying text a person wrote, percent-encoded by the web app (headers are Latin-1):
 * decoded safely, meeting the same rules as any other text. Broken encoding is the caller's error.
 */
export function headerText(request: FastifyRequest, name: string): string | null {
  const raw = request.headers[name];
  if (typeof raw !== 'string' || !raw.trim()) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw invalidText(name, 'percent_encoding');
  }
  const problem = textProblem(decoded);
  if (problem) throw invalidText(name, problem);
  return decoded.trim() || null;
}

const invalidText = (field: string, problem: TextProblem | 'percent_encoding') =>
  new AppError(400, 'validation_failed', {}, [{ field, problem }]);
