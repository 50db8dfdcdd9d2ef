import { statutoryServices } from '../../../core/codes.ts';
import { html } from '../html.ts';
import { pageAddress, sitePage } from '../layout.ts';
import type { Words } from '../words.ts';

/** Paragraphs of a text that holds several, separated by empty lines in the locale file. */
const paragraphs = (text: string) => text.split(/\n\n+/).map((paragraph) => html`<p>${paragraph}</p>`);

/** The front page: what the assistance system is, who can get help and how, in every language. */
export function homePage(words: Words): string {
  const { t, language } = words;
  const body = html`<h1>${t('site.home.title')}</h1>
    <p class="warning">${t('emergency')}</p>
    <h2>${t('site.home.whatTitle')}</h2>
    ${paragraphs(t('site.home.what'))}
    <h2>${t('site.home.whoTitle')}</h2>
    ${paragraphs(t('site.home.who'))}
    <h2>${t('site.home.howTitle')}</h2>
    <ul>
      <li>${t('site.line', { phone: t('site.phone') })}</li>
      <li><a href="${pageAddress(language, 'ask')}">${t('site.home.form')}</a></li>
      <li>${t('site.home.call112')}</li>
    </ul>
    ${paragraphs(t('site.home.free'))}`;
  return sitePage({ words, slug: '', title: t('site.home.title'), body });
}

/** The nine services of the assistance system (law 746/2011). */
export function servicesPage(words: Words): string {
  const { page } = words;
  const body = html`<h1>${page('publicSite.services.title')}</h1>
    ${paragraphs(page('publicSite.services.intro'))}
    <ol>
      ${statutoryServices.map((service) => html`<li><strong>${page(`casework.services.${service}`)}</strong>: ${page(`site.services.about.${service}`)}</li>`)}
    </ol>
    ${paragraphs(page('publicSite.services.more'))}`;
  return sitePage({ words, slug: 'services', title: page('publicSite.services.title'), body, inPageLanguage: true });
}

/** The reflection period (Aliens Act 52 d §). */
export function reflectionPage(words: Words): string {
  const { page } = words;
  const body = html`<h1>${page('publicSite.reflection.title')}</h1>
    ${paragraphs(page('publicSite.reflection.body'))}`;
  return sitePage({ words, slug: 'reflection-period', title: page('publicSite.reflection.title'), body, inPageLanguage: true });
}

/** The accessibility statement the Act on the Provision of Digital Services (306/2019) requires. */
export function accessibilityPage(words: Words): string {
  const { page } = words;
  const body = html`<h1>${page('publicSite.accessibility.title')}</h1>
    ${paragraphs(page('publicSite.accessibility.body'))}
    <h2>${page('publicSite.accessibility.feedbackTitle')}</h2>
    ${paragraphs(page('publicSite.accessibility.feedback'))}
    <h2>${page('publicSite.accessibility.enforcementTitle')}</h2>
    ${paragraphs(page('publicSite.accessibility.enforcement'))}`;
  return sitePage({ words, slug: 'accessibility', title: page('publicSite.accessibility.title'), body, inPageLanguage: true });
}
