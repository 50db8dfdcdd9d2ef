import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { AppContext } from '../core/context.ts';
import type { Actor, Action } from '../core/policy/policy.ts';
import type { Language } from '../core/i18n/i18n.ts';
import type { SessionRow } from './sessions.ts';
import type { AuditEntry } from '../core/audit/audit.ts';
import type { Account } from '../core/db/types.ts';

export type { AppContext };

/**
 * The Fastify instance every feature's routes are declared on: the request's body, query, params and
 * headers and the reply's payload are typed from the route's JSON schemas, so each shape is written once.
 */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  JsonSchemaToTsProvider
>;

/**
 * Who may call a route: `public` anyone; `mfa` a session half-way through login;
 * `session` any fully logged-in account; otherwise a policy action.
 */
export interface ApiRoute {
  method: string;
  url: string;
  access?: RouteAccess;
}

export type RouteAccess = 'public' | 'mfa' | 'session' | Action;

declare module 'fastify' {
  interface FastifyInstance {
    polku: AppContext;
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    session: SessionRow | null;
    actor: Actor | null;
    /** The session's account, loaded with the session. */
    account: Account | null;
    language: Language;
    /** The field groups the policy granted this request: only these leave in the response. */
    granted: Set<string>;
    /** Audit fields known from the request: who and from where. */
    auditBase(): Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Answered even before a person has replaced the one-time password they were given (changing it, logging out). */
    beforeOwnPassword?: true;
    /** A public route's answer the same for everyone: browsers and caches may keep a success this many seconds. */
    publicCache?: number;
  }
}
