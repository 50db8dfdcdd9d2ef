import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['fi', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];

/** Before login the browser's language is a good first guess; after login the account's choice wins. */
function initialLanguage(): Language {
  for (const tag of navigator.languages ?? []) {
    const short = tag.slice(0, 2) as Language;
    if (languages.includes(short)) return short;
  }
  return 'fi';
}

// Each entry brings only the locale files it needs (addTranslations): the public help page does not
// download the staff app's words, nor the staff app the help page's eleven languages.
void i18next.use(initReactI18next).init({
  resources: {},
  lng: initialLanguage(),
  fallbackLng: 'fi',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18next.language;

/** Adds the locale files of an `import.meta.glob(…, { eager: true })` over `locales/<language>/<namespace>.json`. */
export function addTranslations(files: Record<string, { default: Record<string, unknown> }>) {
  for (const [file, module] of Object.entries(files)) {
    const [, language, namespace] = file.match(/locales\/(\w+)\/(\w+)\.json$/)!;
    i18next.addResourceBundle(language, namespace, module.default, true, true);
  }
}

export default i18next;
