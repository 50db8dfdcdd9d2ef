import type { Api } from '../../server/context.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../core/audit/audit.ts';
import { can, actions } from '../../core/policy/policy.ts';
import { accountSchema, publicAccount } from '../accounts/index.ts';
import { emptyResponse } from '../../server/schemaParts.ts';
import { languageBody, loginBody, totpCodeBody, secondFactorBody } from './schema.ts';
import { limitAttempts } from './addressAttempts.ts';
import { completeTotpEnrolment, loginWithPassword, startTotpEnrolment, verifySecondFactor } from './service.ts';
import { endSession, SESSION_COOKIE, sessionCookieOptions } from '../../server/sessions.ts';

const loginStage = {
  type: 'object',
  properties: { stage: { type: 'string' }, csrfToken: { type: 'string' } },
  required: ['stage', 'csrfToken'],
} as const;

export async function authRoutes(app: Api) {
  const limited = (request: FastifyRequest) => limitAttempts(app.polku, 'login', request.ip, app.polku.config.loginAttemptsPerAddress);
  const setSessionCookie = (reply: FastifyReply, token: string) => reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions);

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      preHandler: limited,
      schema: {
        tags: ['auth'],
        body: loginBody,
        response: { 200: loginStage },
      },
    },
    async (request, reply) => {
      const { token, session, stage } = await loginWithPassword(app.polku, { ...request.body, ip: request.ip });
      setSessionCookie(reply, token);
      return { stage, csrfToken: session.csrf_token };
    },
  );

  app.get(
    '/api/v1/auth/mfa/enrolment',
    {
      config: { access: 'mfa' },
      schema: {
        tags: ['auth'],
        response: {
          200: { type: 'object', properties: { secret: { type: 'string' }, uri: { type: 'string' }, qrSvg: { type: 'string' } } },
        },
      },
    },
    async (request) => startTotpEnrolment(app.polku, request.session!),
  );

  app.post(
    '/api/v1/auth/mfa/enrolment',
    {
      config: { access: 'mfa' },
      preHandler: limited,
      schema: {
        tags: ['auth'],
        body: totpCodeBody,
        response: {
          200: {
            type: 'object',
            properties: {
              stage: { type: 'string' },
              csrfToken: { type: 'string' },
              recoveryCodes: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { token, session, recoveryCodes } = await completeTotpEnrolment(app.polku, request.session!, request.body.code, request.ip);
      setSessionCookie(reply, token);
      return { stage: 'complete', csrfToken: session.csrf_token, recoveryCodes };
    },
  );

  app.post(
    '/api/v1/auth/mfa/verify',
    {
      config: { access: 'mfa' },
      preHandler: limited,
      schema: {
        tags: ['auth'],
        body: secondFactorBody,
        response: { 200: loginStage },
      },
    },
    async (request, reply) => {
      const { token, session } = await verifySecondFactor(app.polku, request.session!, request.body, request.ip);
      setSessionCookie(reply, token);
      return { stage: 'complete', csrfToken: session.csrf_token };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'mfa', beforeOwnPassword: true }, schema: { tags: ['auth'], response: emptyResponse } },
    async (request, reply) => {
      await endSession(app.polku.db, request.session!.id);
      await appendAudit(app.polku.db, app.polku.keyring.auditKey, { ...request.auditBase(), action: 'auth.logout', outcome: 'succeeded' });
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        response: {
          200: {
            type: 'object',
            properties: {
              stage: { type: 'string' },
              csrfToken: { type: 'string' },
              account: accountSchema,
              permissions: { type: 'object', additionalProperties: { type: 'boolean' } },
              // Failed logins (wrong passwords or codes) between the previous login and this one.
              failedLogins: {
                type: 'object',
                properties: { count: { type: 'integer' }, lastAt: { type: ['string', 'null'] } },
                required: ['count', 'lastAt'],
              },
            },
          },
        },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) return { stage: 'none' };
      if (session.stage !== 'complete') return { stage: session.stage, csrfToken: session.csrf_token };
      const actor = request.actor!;
      const permissions = Object.fromEntries(actions.map((action) => [action, can(actor, action)]));
      const failedLogins = {
        count: session.failed_logins_before,
        lastAt: session.last_failed_login_before ? new Date(session.last_failed_login_before).toISOString() : null,
      };
      return { stage: 'complete', csrfToken: session.csrf_token, account: publicAccount(request.account!), permissions, failedLogins };
    },
  );

  app.put(
    '/api/v1/me/language',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], body: languageBody, response: emptyResponse },
    },
    async (request, reply) => {
      await app.polku.db.updateTable('accounts').set({ language: request.body.language }).where('id', '=', request.actor!.id).execute();
      return reply.code(204).send();
    },
  );
}
