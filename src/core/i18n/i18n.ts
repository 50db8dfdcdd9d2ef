import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { languages, type Language } from '../languages.ts';

export { languages, type Language };

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../locales');

/** locales/<language>/<namespace>.json, the same files the web app uses. */
export function loadLocale(language: Language): Record<string, unknown> {
  const dir = path.join(localesDir, language);
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [path.basename(file, '.json'), JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))]),
  );
}

const catalogs = Object.fromEntries(languages.map((language) => [language, loadLocale(language)])) as Record<
  Language,
  Record<string, unknown>
>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Translates "namespace.path.to.key" with {{name}} placeholders, as i18next does in the web app. */
export function translate(language: Language, key: string, params: Record<string, unknown> = {}): string {
  const found = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      catalogs[language],
    );
  const text = typeof found === 'string' ? found : key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function languageFromHeader(header: string | undefined): Language {
  for (const part of (header ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return 'fi';
}
