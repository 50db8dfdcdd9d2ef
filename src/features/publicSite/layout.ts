import { html, type Html } from './html.ts';
import { isRightToLeft, siteLanguages, type SiteLanguage } from './languages.ts';
import type { Words } from './words.ts';
import { assetPath } from './assets.ts';

/** A neutral page to land on: leaving must not look like leaving a help page. */
export const QUICK_EXIT_TO = 'https://www.ilmatieteenlaitos.fi/';

/** The site's pages, in the order of its menu: the address after /help/<language>/ and the key of the menu's words. */
export const sitePages = [
  { slug: '', key: 'home' },
  { slug: 'services', key: 'services' },
  { slug: 'reflection-period', key: 'reflection' },
  { slug: 'ask', key: 'ask' },
  { slug: 'guide', key: 'guide' },
  { slug: 'statistics', key: 'statistics' },
  { slug: 'accessibility', key: 'accessibility' },
] as const;
export type SiteSlug = (typeof sitePages)[number]['slug'];

export const pageAddress = (language: SiteLanguage, slug: string) => `/help/${language}${slug ? `/${slug}` : ''}`;

interface PageOptions {
  words: Words;
  slug: SiteSlug;
  title: string;
  body: Html;
  /** Whether the page's text is written in the visitor's language or shown in English (a note says so). */
  inPageLanguage?: boolean;
}

/**
 * Every public page: the quick exit first (a plain link that works without JavaScript; site.js makes
 * it replace the page in the history, and adds Esc and Shift pressed three times), the languages as
 * links to the same page, the menu, then the page. Nothing here comes from the staff app.
 */
export function sitePage({ words, slug, title, body, inPageLanguage }: PageOptions): string {
  const { t, language } = words;
  const fallback = inPageLanguage && words.pageLanguage !== language;
  return `<!doctype html>${html`<html lang="${language}" dir="${isRightToLeft(language) ? 'rtl' : 'ltr'}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noarchive" />
      <title>${title} – ${t('site.name')}</title>
      <link rel="stylesheet" href="${assetPath('site.css')}" />
      <script src="${assetPath('site.js')}" defer></script>
    </head>
    <body>
      <div class="quick-exit-bar">
        <a class="quick-exit" href="${QUICK_EXIT_TO}" rel="noreferrer" aria-describedby="quick-exit-hint">${t('quickExit')}</a>
      </div>
      <a class="skip-link" href="#main">${t('site.skip')}</a>
      <header class="site-header">
        <p id="quick-exit-hint" class="hint">${t('site.quickExitKeys')}</p>
        <p class="site-name"><a href="${pageAddress(language, '')}">${t('site.name')}</a></p>
        <nav aria-label="${t('language')}">
          <ul class="site-languages">
            ${siteLanguages.map(
              (entry) =>
                html`<li>
                  <a
                    href="${pageAddress(entry.code, slug)}"
                    lang="${entry.code}"
                    hreflang="${entry.code}"
                    ${entry.code === language ? html` aria-current="true"` : ''}
                    >${entry.name}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <nav aria-label="${t('site.menu')}">
          <ul class="site-menu">
            ${sitePages.map(
              (entry) =>
                html`<li>
                  <a href="${pageAddress(language, entry.slug)}" ${entry.slug === slug ? html` aria-current="page"` : ''}
                    >${t(`site.nav.${entry.key}`)}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabindex="-1" ${fallback ? html` lang="${words.pageLanguage}" dir="ltr"` : ''}>
        ${fallback ? html`<p class="notice" lang="${language}" dir="${isRightToLeft(language) ? 'rtl' : 'ltr'}">${t('site.notTranslated')}</p>` : ''}
        ${body}
      </main>
      <footer class="site-footer">
        <p class="emergency">${t('emergency')}</p>
        <p>${t('site.line', { phone: t('site.phone') })}</p>
        <p><a href="${pageAddress(language, 'accessibility')}">${t('site.nav.accessibility')}</a></p>
      </footer>
    </body>
  </html>`}`;
}
