import { translate, type Language } from '../core/i18n/i18n.ts';

/** The command speaks the language of the shell's locale: fi_FI, sv_FI, otherwise English. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = (env.POLKU_LANG ?? env.LC_ALL ?? env.LANG ?? '').slice(0, 2).toLowerCase();
  return locale === 'fi' || locale === 'sv' ? locale : 'en';
}

export function say(key: string, params: Record<string, unknown> = {}): void {
  console.log(translate(cliLanguage(), `cli.${key}`, params));
}

export function complain(key: string, params: Record<string, unknown> = {}): void {
  console.error(translate(cliLanguage(), `cli.${key}`, params));
}
