import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refusalLog } from '../core/audit/refusals.ts';
import { AppError } from '../core/errors.ts';
import type { Config } from '../core/config.ts';
import { languageFromHeader } from '../core/i18n/i18n.ts';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request's Host names this Polku. A DNS-rebinding page reaches the server under the
 * attacker's own name, so only the public origin's host (and the configured extra hosts) is
 * accepted. When the public origin itself is on this machine (development, tests, the browser
 * journeys), any loopback name and port is accepted: a rebinding page's Host is never one of them,
 * and the dev server's proxy and test requests arrive as localhost on their own ports.
 */
export function hostCheck(config: Pick<Config, 'publicOrigin' | 'allowedHosts'>): (host: string | undefined) => boolean {
  const publicUrl = new URL(config.publicOrigin);
  // Parsed as the browser would, so case and a default port do not matter; anything more than a
  // host and a port (user info, a path) is not a Host header a browser sends.
  const parse = (host: string): URL | null => {
    try {
      const url = new URL(`${publicUrl.protocol}//${host}`);
      return url.username || url.password || url.pathname !== '/' || url.search || url.hash ? null : url;
    } catch {
      return null;
    }
  };
  const allowed = new Set([publicUrl.host, ...config.allowedHosts.map((host) => parse(host)?.host)]);
  const local = LOOPBACK.has(publicUrl.hostname);
  return (host) => {
    const url = host ? parse(host) : null;
    return url !== null && (allowed.has(url.host) || (local && LOOPBACK.has(url.hostname)));
  };
}

/** Refuses a request to any other host before anything else runs: no session is looked up, no body read. */
export function registerHostCheck(app: FastifyInstance) {
  const isOurs = hostCheck(app.polku.config);
  app.addHook('onRequest', async (request) => {
    if (isOurs(request.host)) return;
    request.language = languageFromHeader(request.headers['accept-language']);
    throw new AppError(421, 'wrong_host');
  });
}

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
    if (request.url.startsWith('/api/')) {
      // Only a public answer the same for everyone (open data) may be kept, and only when it succeeded.
      const { access, publicCache } = request.routeOptions.config;
      const cacheable = access === 'public' && publicCache && reply.statusCode === 200;
      reply.header('cache-control', cacheable ? `public, max-age=${publicCache}` : 'no-store');
    }
  });

  // Cross-site requests are refused by origin; a logged-in request must also echo the session's CSRF token.
  // Every refusal goes to the audit log through the refusal log, which keeps a flood from padding it.
  const refuse = async (request: FastifyRequest, reason: 'origin' | 'token'): Promise<never> => {
    await refusalLog(app.polku.db, app.polku.keyring.auditKey).refuse(
      {
        ...request.auditBase(),
        action: 'csrf',
        details: {
          reason,
          method: request.method,
          route: request.routeOptions.url ?? 'unknown',
          origin: String(request.headers.origin ?? '').slice(0, 200) || null,
        },
      },
      reason,
    );
    throw new AppError(403, 'csrf_failed');
  };
  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (
      origin &&
      origin !== app.polku.config.publicOrigin &&
      origin !== `http://${request.headers.host}` &&
      origin !== `https://${request.headers.host}`
    ) {
      await refuse(request, 'origin');
    }
    if (request.session) {
      const sent = Buffer.from(String(request.headers['x-csrf-token'] ?? ''));
      const expected = Buffer.from(request.session.csrf_token);
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) await refuse(request, 'token');
    }
  });
}
