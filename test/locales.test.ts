import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { languages, loadLocale } from '../src/core/i18n/i18n.ts';
import { publicLanguages } from '../src/features/referrals/schema.ts';

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
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogs[language]);
        expect(typeof text === 'string' && text.trim().length > 0, `${language}:${key}`).toBe(true);
        return (String(text).match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
      };
      expect(placeholders('sv'), key).toEqual(placeholders('fi'));
      expect(placeholders('en'), key).toEqual(placeholders('fi'));
    }
  });
});

describe('form errors', () => {
  const catalogs = Object.fromEntries(languages.map((language) => [language, loadLocale(language)]));
  it('every problem the server names about a field has a plain sentence for the form to show beside it', () => {
    // The server's own sentence names the field by its path ("person.name: too short"); forms never show that.
    for (const language of languages) {
      const catalog = catalogs[language] as {
        errors: { field: Record<string, string> };
        common: { form: { problems: Record<string, string> } };
      };
      for (const [problem, sentence] of Object.entries(catalog.errors.field))
        if (sentence.includes('{{field}}')) expect(catalog.common.form.problems[problem], `${language}: ${problem}`).toContain('{{label}}');
    }
  });
});

describe('the public help page', () => {
  it('exists in every language the public form accepts, with the same texts and placeholders, none empty', () => {
    const read = (language: string): unknown =>
      JSON.parse(fs.readFileSync(new URL(`../locales/${language}/public.json`, import.meta.url), 'utf8'));
    const text = (catalog: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);
    const placeholders = (value: unknown) => (String(value).match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
    const finnish = keys(read('fi')).sort();
    for (const language of publicLanguages) {
      const texts = read(language);
      expect(keys(texts).sort(), language).toEqual(finnish);
      for (const key of finnish) {
        const value = text(texts, key);
        expect(typeof value === 'string' && value.trim().length > 0, `${language}:${key}`).toBe(true);
        expect(placeholders(value), `${language}:${key}`).toEqual(placeholders(text(read('fi'), key)));
      }
    }
  });
});
