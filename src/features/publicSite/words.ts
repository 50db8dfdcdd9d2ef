import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { translate } from '../../core/i18n/i18n.ts';
import { fullLanguages, isFullLanguage, siteLanguages, type SiteLanguage } from './languages.ts';

const read = (language: string, namespace: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(fileURLToPath(new URL(`../../../locales/${language}/${namespace}.json`, import.meta.url)), 'utf8'));

/** public.json: what every page says in all eleven languages (the essentials, the form, the quick exit). */
const essentials = Object.fromEntries(siteLanguages.map(({ code }) => [code, read(code, 'public')])) as Record<SiteLanguage, object>;

const lookUp = (catalog: unknown, key: string): string | undefined => {
  const found = key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);
  return typeof found === 'string' ? found : undefined;
};
const fill = (text: string, params: Record<string, unknown>) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));

export interface Words {
  language: SiteLanguage;
  /** The language the longer pages are shown in: the visitor's if written in it, otherwise English. */
  pageLanguage: (typeof fullLanguages)[number];
  /** A text of public.json in the visitor's language. */
  t(key: string, params?: Record<string, unknown>): string;
  /** A text of the server's catalogs (site.json, statistics.json…) in the page's language. */
  page(key: string, params?: Record<string, unknown>): string;
}

export function wordsFor(language: SiteLanguage): Words {
  const pageLanguage = isFullLanguage(language) ? language : 'en';
  return {
    language,
    pageLanguage,
    t: (key, params = {}) => fill(lookUp(essentials[language], key) ?? lookUp(essentials.en, key) ?? key, params),
    page: (key, params = {}) => translate(pageLanguage, key, params),
  };
}
