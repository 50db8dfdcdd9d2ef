import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['fi', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];

// The same locale files the server translates its errors with.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../../locales/*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, module] of Object.entries(files)) {
  const [, language, namespace] = file.match(/locales\/(\w+)\/(\w+)\.json$/)!;
  (resources[language] ??= {})[namespace] = module.default;
}

/** Before login the browser's language is a good first guess; after login the account's choice wins. */
function initialLanguage(): Language {
  for (const tag of navigator.languages ?? []) {
    const short = tag.slice(0, 2) as Language;
    if (languages.includes(short)) return short;
  }
  return 'fi';
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'fi',
  ns: Object.keys(resources.fi),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

i18next.on('languageChanged', (language) => { document.documentElement.lang = language; });
document.documentElement.lang = i18next.language;

export default i18next;
