import { publicLanguages } from '../referrals/index.ts';

export type SiteLanguage = (typeof publicLanguages)[number];

/** The site's languages, each named in itself; Arabic and Dari are written right to left. */
export const siteLanguages: ReadonlyArray<{ code: SiteLanguage; name: string; rtl?: true }> = [
  { code: 'fi', name: 'Suomi' },
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
  { code: 'ar', name: 'العربية', rtl: true },
  { code: 'so', name: 'Soomaali' },
  { code: 'prs', name: 'دری', rtl: true },
  { code: 'ru', name: 'Русский' },
  { code: 'uk', name: 'Українська' },
  { code: 'th', name: 'ไทย' },
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'ne', name: 'नेपाली' },
];

/** The languages the whole site is written in; the longer pages fall back to English, saying so. */
export const fullLanguages = ['fi', 'sv', 'en'] as const;
export type FullLanguage = (typeof fullLanguages)[number];
export const isFullLanguage = (language: string): language is FullLanguage => (fullLanguages as readonly string[]).includes(language);

export const isSiteLanguage = (value: string): value is SiteLanguage => siteLanguages.some((language) => language.code === value);
export const isRightToLeft = (language: SiteLanguage) => siteLanguages.some((entry) => entry.code === language && entry.rtl);

/** Dari is asked for as fa-AF (or Persian, which its readers read) as often as by its own code. */
const aliases: Record<string, SiteLanguage> = { fa: 'prs', 'fa-af': 'prs' };

/** The visitor's language from Accept-Language, in the order of their preference (q-values); Finnish otherwise. */
export function siteLanguageFromHeader(header: string | undefined): SiteLanguage {
  const wanted = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...parameters] = part.trim().toLowerCase().split(';');
      const q = Number(
        parameters
          .find((parameter) => parameter.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of wanted) {
    const found = aliases[tag] ?? aliases[tag.split('-')[0]] ?? tag.split('-')[0];
    if (isSiteLanguage(found)) return found;
  }
  return 'fi';
}
