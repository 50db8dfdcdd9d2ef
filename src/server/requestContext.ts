import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../core/audit/audit.ts';
import { AppError } from '../core/errors.ts';
import { isLanguage, languageFromHeader } from '../core/i18n/i18n.ts';
import { can, type Action } from '../core/policy/policy.ts';
import { actorOf } from '../features/accounts/queries.ts';
import { findLiveSession, SESSION_COOKIE } from '../features/auth/sessions.ts';

/**
 * Who is asking, and may they: loads the session and account from the cookie, then checks the
 * route's declared access against the policy before any handler runs. A route without a declared
 * access is refused (deny by default).
 */
export function registerRequestContext(app: FastifyInstance) {
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('account', null);
  app.decorateRequest('language', 'fi');
  app.decorateRequest('auditBase', function (this: FastifyRequest) {
    return { actorId: this.actor?.id ?? this.session?.account_id ?? null, actorRole: this.actor?.role ?? null, ip: this.ip };
  });

  app.addHook('onRequest', async (request) => {
    request.language = languageFromHeader(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const live = await findLiveSession(app.polku.db, token);
    // An account whose access waits for a director's confirmation has no session to use (see createAccount).
    if (!live || live.account.disabled_at || live.account.awaits_confirmation) return;
    const { session, account } = live;
    request.session = session;
    request.account = account;
    if (session.stage === 'complete') {
      request.actor = actorOf(account);
      if (isLanguage(account.language)) request.language = account.language;
    }
  });

  // Before the body is read: a caller without access learns nothing, not even what the body should
  // look like, and a large upload is refused before it is parsed.
  app.addHook('preParsing', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    if (access === 'mfa') {
      if (!request.session) throw new AppError(401, 'not_logged_in');
      return;
    }
    if (!request.actor) throw new AppError(401, 'not_logged_in');
    if (access === 'session') return;
    if (!access || !can(request.actor, access as Action)) {
      await appendAudit(app.polku.db, app.polku.keyring.auditKey, {
        ...request.auditBase(), action: access ?? 'undeclared_route', outcome: 'denied', details: { route: request.routeOptions.url ?? 'unknown', method: request.method },
      });
      throw new AppError(403, 'forbidden');
    }
  });
}
