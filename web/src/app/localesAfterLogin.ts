import { addTranslations } from '../lib/i18n.ts';

// The staff app's words beyond logging in (locales.ts), loaded with the pages after login.
addTranslations(
  import.meta.glob<{ default: Record<string, unknown> }>(
    ['#locales/{fi,sv,en}/*.json', '!**/cli.json', '!**/common.json', '!**/auth.json', '!**/publicSite.json'],
    { eager: true },
  ),
);
