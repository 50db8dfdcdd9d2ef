import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers on every response, and CSRF protection on every state-changing request. */
export function registerSecurity(app: FastifyInstance) {
  const https = app.polku.config.publicOrigin.startsWith('https://');

  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (https) reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  // Cross-site requests are refused by origin; a logged-in request must also echo the session's CSRF token.
  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin && origin !== app.polku.config.publicOrigin && origin !== `http://${request.headers.host}` && origin !== `https://${request.headers.host}`) {
      throw new AppError(403, 'csrf_failed');
    }
    if (request.session) {
      const sent = Buffer.from(String(request.headers['x-csrf-token'] ?? ''));
      const expected = Buffer.from(request.session.csrf_token);
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw new AppError(403, 'csrf_failed');
    }
  });
}
