import { html } from '../html.ts';
import { pageAddress, sitePage } from '../layout.ts';
import type { Words } from '../words.ts';

/** An address the site does not have: said plainly, with the way to the front page. */
export function notFoundPage(words: Words): string {
  const { t, language } = words;
  const body = html`<h1>${t('site.notFound')}</h1>
    <p><a href="${pageAddress(language, '')}">${t('site.nav.home')}</a></p>`;
  return sitePage({ words, slug: '', title: t('site.notFound'), body });
}
