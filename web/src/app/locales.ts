import { addTranslations } from '../lib/i18n.ts';

// The words of logging in come with the first page; the rest of the staff app's words (localesAfterLogin.ts)
// come with the pages after login. Finnish, Swedish and English; the command line's words stay on the server.
addTranslations(import.meta.glob<{ default: Record<string, unknown> }>('#locales/{fi,sv,en}/{common,auth}.json', { eager: true }));
