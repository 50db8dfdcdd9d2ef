import { describe, expect, it } from 'vitest';
import { languages, loadLocale } from '../src/core/i18n/i18n.ts';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  const catalogs = Object.fromEntries(languages.map((language) => [language, loadLocale(language)]));

  it('every key exists in Finnish, Swedish and English', () => {
    const finnish = keys(catalogs.fi).sort();
    expect(finnish.length).toBeGreaterThan(50);
    for (const language of languages) expect(keys(catalogs[language]).sort(), language).toEqual(finnish);
  });

  it('no translation is empty, and placeholders match across languages', () => {
    for (const key of keys(catalogs.fi)) {
      const placeholders = (language: string) => {
        const text = key.split('.').reduce<any>((node, part) => node[part], catalogs[language]);
        expect(typeof text === 'string' && text.trim().length > 0, `${language}:${key}`).toBe(true);
        return (text.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
      };
      expect(placeholders('sv'), key).toEqual(placeholders('fi'));
      expect(placeholders('en'), key).toEqual(placeholders('fi'));
    }
  });
});
