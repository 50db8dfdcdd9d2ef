import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refusalLog } from '../core/audit/refusals.ts';
import type { Database } from '../core/db/database.ts';
import { AppError } from '../core/errors.ts';
import { isLanguage, languageFromHeader } from '../core/i18n/i18n.ts';
import { can, type Action } from '../core/policy/policy.ts';
import { actorOf } from '../core/policy/actorOf.ts';
import { findLiveSession, SESSION_COOKIE } from './sessions.ts';
import type { Who } from '../core/record/access.ts';

/** Who is asking, for a feature's service: the actor, their address, and the grants the request collects. */
export const whoOf = (request: FastifyRequest): Who => ({ actor: request.actor!, ip: request.ip, granted: request.granted });

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
  app.decorateRequest('granted', null as unknown as Set<string>);
  app.decorateRequest('auditBase', function (this: FastifyRequest) {
    return { actorId: this.actor?.id ?? this.session?.account_id ?? null, actorRole: this.actor?.role ?? null, ip: this.ip };
  });

  app.addHook('onRequest', async (request) => {
    request.granted = new Set();
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
    // An unknown address is answered 404 by the not-found handler; it is no event worth a log entry.
    if (!request.url.startsWith('/api/') || request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    if (access === 'mfa') {
      if (!request.session) throw new AppError(401, 'not_logged_in');
      if (request.actor && request.account?.must_change_password && !request.routeOptions.config.beforeOwnPassword)
        throw new AppError(403, 'password_change_required');
      return;
    }
    if (!request.actor) throw new AppError(401, 'not_logged_in');
    // A one-time password given by an administrator is replaced before anything else is answered.
    if (request.account?.must_change_password && !request.routeOptions.config.beforeOwnPassword)
      throw new AppError(403, 'password_change_required');
    if (access === 'session') return;
    if (!access || !can(request.actor, access as Action)) {
      await refusalLog(app.polku.db, app.polku.keyring.auditKey).refuse({
        ...request.auditBase(),
        action: access ?? 'undeclared_route',
        clientId: await clientOfRoute(app.polku.db, request),
        details: { code: 'forbidden', route: request.routeOptions.url ?? 'unknown', method: request.method },
      });
      throw new AppError(403, 'forbidden');
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The client a refused request was about, so the refusal shows in that client's access log: routes
 * under /clients/:id name the client, routes under /referrals/:id the referred person.
 */
async function clientOfRoute(db: Database, request: FastifyRequest): Promise<string | null> {
  const id = (request.params as Record<string, string> | undefined)?.id;
  const route = request.routeOptions.url ?? '';
  if (!id || !UUID.test(id)) return null;
  if (route.startsWith('/api/v1/clients/:id')) return id;
  if (route.startsWith('/api/v1/referrals/:id')) {
    return (await db.selectFrom('referrals').select('person_id').where('id', '=', id).executeTakeFirst())?.person_id ?? null;
  }
  return null;
}
