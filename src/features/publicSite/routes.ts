import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { Api } from '../../server/context.ts';
import { publicStatistics } from '../statistics/index.ts';
import { checkGuideConsultationLimit, guideConsultationBody, receiveGuideConsultation } from '../consultations/index.ts';
import {
  checkPublicReferralLimit,
  guideReferralBody,
  publicReferralBody,
  receiveGuideReferral,
  receivePublicReferral,
} from '../referrals/index.ts';
import { AppError } from '../../core/errors.ts';
import { isCurrentAsset, siteAssets } from './assets.ts';
import type { Answers } from './form.ts';
import { isSiteLanguage, siteLanguageFromHeader, type SiteLanguage } from './languages.ts';
import { pageAddress } from './layout.ts';
import { askPage, readSelfReferral } from './pages/ask.ts';
import { consultationPage, guidePage, guideReferralPage, readConsultation, readGuideReferral } from './pages/guide.ts';
import { accessibilityPage, homePage, reflectionPage, servicesPage } from './pages/content.ts';
import { notFoundPage } from './pages/notFound.ts';
import { statisticsPage } from './pages/statistics.ts';
import { wordsFor, type Words } from './words.ts';

/** A page is the same for every visitor of its language: browsers and caches may keep it five minutes. */
const PAGE_MAX_AGE = 300;
const ASSET_MAX_AGE = 365 * 24 * 60 * 60;
const FORM_LIMIT = 64 * 1024;

const languageParams = { type: 'object', required: ['language'], properties: { language: { type: 'string', maxLength: 8 } } } as const;
const assetParams = {
  type: 'object',
  required: ['version', 'name'],
  properties: { version: { type: 'string', maxLength: 20 }, name: { type: 'string', maxLength: 20 } },
} as const;
const pageParams = {
  type: 'object',
  required: ['language', 'page'],
  properties: { language: { type: 'string', maxLength: 8 }, page: { type: 'string', maxLength: 40 } },
} as const;

/**
 * The public site under /help: server-rendered pages that work without JavaScript, in the languages
 * of victims. No session is asked for and no cookie set; a page is the same for everyone reading it
 * in that language, so it is cacheable; a form's answer (POST) never is.
 */
export async function publicSiteRoutes(app: Api) {
  const ctx = app.polku;
  const config = { access: 'public' } as const;
  const hide = { hide: true } as const;

  const send = (reply: FastifyReply, markup: string, { cache = true, status = 200 } = {}) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', cache ? `public, max-age=${PAGE_MAX_AGE}` : 'no-store')
      .send(markup);
  const words = (language: string): Words | null => (isSiteLanguage(language) ? wordsFor(language) : null);

  /**
   * A form posted from another site is refused: without a session there is nothing to steal, but the
   * intake queue must not fill with what someone else's page sends in a visitor's name. A browser says
   * where a form came from in Sec-Fetch-Site; the site's no-referrer policy makes its Origin "null".
   */
  const fromOurSite = (request: FastifyRequest) => {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin';
    const origin = request.headers.origin;
    return !origin || [ctx.config.publicOrigin, `http://${request.headers.host}`, `https://${request.headers.host}`].includes(origin);
  };

  /** A posted form of the site, in a language it has, from a page of its own; otherwise nothing is read. */
  const postedTo = (request: FastifyRequest, language: string) => {
    const found = words(language);
    return found && fromOurSite(request) ? { words: found, answers: formAnswers(request.body) } : null;
  };
  const refused = (reply: FastifyReply) => send(reply, notFoundPage(wordsFor('fi')), { status: 404, cache: false });
  /** A refusal the service makes after the page's own checks (a rule only it knows) is said on the form, never as a 5xx. */
  const notTaken = (caught: unknown, problems: Map<string, string>, message: string) => {
    if (!(caught instanceof AppError) || caught.status >= 500 || caught.status === 429) throw caught;
    problems.set('question', message);
  };

  await app.register(async (plain) => {
    const site = plain.withTypeProvider<JsonSchemaToTsProvider>();
    // A plain HTML form posts its fields URL-encoded; they are read as text, the last of a repeated name winning.
    site.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    // The address without a language answers in the browser's preferred one.
    site.get('/help', { config, schema: hide }, async (request, reply) =>
      reply
        .code(302)
        .header('vary', 'accept-language')
        .header('cache-control', 'no-store')
        .redirect(pageAddress(siteLanguageFromHeader(request.headers['accept-language']), '')),
    );

    site.get('/help/assets/:version/:name', { config, schema: { ...hide, params: assetParams } }, async (request, reply) => {
      const { version, name } = request.params;
      if (!isCurrentAsset(name, version)) return reply.code(404).type('text/plain').header('cache-control', 'no-store').send('');
      const asset = siteAssets[name];
      return reply.type(asset.type).header('cache-control', `public, max-age=${ASSET_MAX_AGE}, immutable`).send(asset.body);
    });

    site.get('/help/:language', { config, schema: { ...hide, params: languageParams } }, async (request, reply) => {
      const found = words(request.params.language);
      return found ? send(reply, homePage(found)) : send(reply, notFoundPage(wordsFor('fi')), { status: 404, cache: false });
    });

    site.get('/help/:language/:page', { config, schema: { ...hide, params: pageParams } }, async (request, reply) => {
      const found = words(request.params.language);
      const page = found ? await renderPage(found, request.params.page) : null;
      return page ? send(reply, page) : send(reply, notFoundPage(found ?? wordsFor('fi')), { status: 404, cache: false });
    });

    // Any other address under /help is the site's, not the staff app's: a page of its own says it is not found.
    site.get('/help/*', { config, schema: hide }, async (_request, reply) =>
      send(reply, notFoundPage(wordsFor('fi')), { status: 404, cache: false }),
    );

    site.post('/help/:language/ask', { config, schema: { ...hide, params: languageParams } }, async (request, reply) => {
      const found = words(request.params.language);
      if (!found || !fromOurSite(request)) return send(reply, notFoundPage(found ?? wordsFor('fi')), { status: 404, cache: false });
      const answers = formAnswers(request.body);
      const { referral, problems } = readSelfReferral(found, answers);
      // The same schema the JSON route validates with: what this form sends is exactly what the API takes.
      if (referral && !request.compileValidationSchema(publicReferralBody)(referral)) problems.set('name', found.t('form.unmatched'));
      if (!referral || problems.size) return send(reply, askPage(found, { answers, problems }), { status: 400, cache: false });
      await checkPublicReferralLimit(ctx, request.ip);
      await receivePublicReferral(ctx, referral);
      return send(reply, askPage(found, { sent: referral.replyChannel }), { cache: false });
    });

    // The guide's answers are posted back to the page and live only in it: nothing about the person is stored.
    site.post('/help/:language/guide', { config, schema: { ...hide, params: languageParams } }, async (request, reply) => {
      const posted = postedTo(request, request.params.language);
      return posted ? send(reply, guidePage(posted.words, posted.answers, true), { cache: false }) : refused(reply);
    });

    site.post('/help/:language/guide/consultation', { config, schema: { ...hide, params: languageParams } }, async (request, reply) => {
      const posted = postedTo(request, request.params.language);
      if (!posted) return refused(reply);
      if (posted.answers.step !== 'send') return send(reply, consultationPage(posted.words, posted.answers), { cache: false });
      const { input, problems } = readConsultation(posted.words, posted.answers);
      if (input && !request.compileValidationSchema(guideConsultationBody)(input))
        problems.set('question', posted.words.t('form.unmatched'));
      if (input && !problems.size) {
        await checkGuideConsultationLimit(ctx, request.ip);
        try {
          await receiveGuideConsultation(ctx, input);
          return send(reply, consultationPage(posted.words, {}, new Map(), true), { cache: false });
        } catch (caught) {
          notTaken(caught, problems, posted.words.t('form.unmatched'));
        }
      }
      return send(reply, consultationPage(posted.words, posted.answers, problems), { status: 400, cache: false });
    });

    site.post('/help/:language/guide/referral', { config, schema: { ...hide, params: languageParams } }, async (request, reply) => {
      const posted = postedTo(request, request.params.language);
      if (!posted) return refused(reply);
      if (posted.answers.step !== 'send') return send(reply, guideReferralPage(posted.words, posted.answers), { cache: false });
      const { input, problems } = readGuideReferral(posted.words, posted.answers);
      if (input && !request.compileValidationSchema(guideReferralBody)(input)) problems.set('question', posted.words.t('form.unmatched'));
      if (input && !problems.size) {
        await checkPublicReferralLimit(ctx, request.ip);
        try {
          await receiveGuideReferral(ctx, input);
          return send(reply, guideReferralPage(posted.words, {}, new Map(), true), { cache: false });
        } catch (caught) {
          notTaken(caught, problems, posted.words.t('form.unmatched'));
        }
      }
      return send(reply, guideReferralPage(posted.words, posted.answers, problems), { status: 400, cache: false });
    });
  });

  async function renderPage(found: Words, page: string): Promise<string | null> {
    switch (page) {
      case 'services':
        return servicesPage(found);
      case 'reflection-period':
        return reflectionPage(found);
      case 'ask':
        return askPage(found, {});
      case 'statistics':
        return statisticsPage(found, await publicStatistics(ctx.db));
      case 'accessibility':
        return accessibilityPage(found);
      case 'guide':
        return guidePage(found);
      default:
        return null;
    }
  }
}

/** A posted form's fields as text; anything else (a JSON body sent here) is read as no answers. */
function formAnswers(body: unknown): Answers {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export type { SiteLanguage };
