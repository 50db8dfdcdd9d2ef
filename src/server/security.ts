import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../core/audit/audit.ts';
import { AppError } from '../core/errors.ts';
import type { Config } from '../core/config.ts';
import { languageFromHeader } from '../core/i18n/i18n.ts';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
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
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  // Cross-site requests are refused by origin; a logged-in request must also echo the session's CSRF token.
  const refusals = new RefusalLog();
  const refuse = async (request: FastifyRequest, reason: 'origin' | 'token'): Promise<never> => {
    const repeated = refusals.take(request.ip);
    if (repeated !== null) {
      await appendAudit(app.polku.db, app.polku.keyring.auditKey, {
        ...request.auditBase(), action: 'csrf', outcome: 'denied',
        details: { reason, method: request.method, route: request.routeOptions.url ?? 'unknown', origin: String(request.headers.origin ?? '').slice(0, 200) || null, ...repeated },
      });
    }
    throw new AppError(403, 'csrf_failed');
  };
  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin && origin !== app.polku.config.publicOrigin && origin !== `http://${request.headers.host}` && origin !== `https://${request.headers.host}`) {
      await refuse(request, 'origin');
    }
    if (request.session) {
      const sent = Buffer.from(String(request.headers['x-csrf-token'] ?? ''));
      const expected = Buffer.from(request.session.csrf_token);
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) await refuse(request, 'token');
    }
  });
}

/**
 * Which CSRF refusals are written to the audit log, so that a flood of forged requests cannot pad
 * it without bound. From one address, the first refusal in ten minutes is written; later ones in
 * those ten minutes are only counted, and the count (`repeated`) goes with the address's next
 * written entry. Across all addresses (a flood from many), at most 60 entries a minute are
 * written; the refusals left out are counted the same way (`unlogged`) and go with the next entry
 * written. The audit log so grows by at most 60 entries a minute, however many requests come.
 * Kept in memory, per server: a restart or another server starts its own count.
 */
export class RefusalLog {
  private readonly addresses = new Map<string, { since: number; repeated: number }>();
  private minute = { start: 0, written: 0, unlogged: 0 };

  constructor(private readonly perAddressMs = 10 * 60_000, private readonly perMinute = 60, private readonly maxAddresses = 10_000) {}

  /** Null when this refusal is only counted; otherwise what to record with the entry written now. */
  take(address: string, now = Date.now()): { repeated?: number; unlogged?: number } | null {
    const seen = this.addresses.get(address);
    if (seen && now - seen.since < this.perAddressMs) {
      seen.repeated++;
      return null;
    }
    if (now - this.minute.start >= 60_000) this.minute = { start: now, written: 0, unlogged: this.minute.unlogged };
    if (this.minute.written >= this.perMinute) {
      this.minute.unlogged++;
      return null;
    }
    this.minute.written++;
    if (this.addresses.size >= this.maxAddresses) this.forgetOld(now);
    this.addresses.set(address, { since: now, repeated: 0 });
    const { unlogged } = this.minute;
    this.minute.unlogged = 0;
    return { ...(seen?.repeated ? { repeated: seen.repeated } : {}), ...(unlogged ? { unlogged } : {}) };
  }

  private forgetOld(now: number) {
    for (const [address, seen] of this.addresses) if (now - seen.since >= this.perAddressMs && seen.repeated === 0) this.addresses.delete(address);
    // Still full (a flood from very many addresses): their counts are lost, not the memory.
    if (this.addresses.size >= this.maxAddresses) this.addresses.clear();
  }
}
