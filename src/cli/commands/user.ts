import { parseArgs } from 'node:util';
import { roles, type Role } from '../../core/policy/policy.ts';
import { languages, type Language } from '../../core/languages.ts';
import { createAccount, findAccountByUsername, resetMfa, setAccountDisabled } from '../../features/accounts/index.ts';
import { complain, say } from '../output.ts';
import { commandLine, withContext } from './withContext.ts';

export async function userCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      office: { type: 'string' },
      organisation: { type: 'string' },
      title: { type: 'string' },
      language: { type: 'string' },
    },
  });
  if (action === 'create') {
    const username = positionals[0];
    const knownLanguage = values.language === undefined || (languages as readonly string[]).includes(values.language);
    if (!username || !values.name || !values.role || !(roles as readonly string[]).includes(values.role) || !knownLanguage) {
      complain('user_create_usage', { roles: roles.join(', ') });
      return 2;
    }
    return withContext(async (ctx) => {
      const { initialPassword } = await createAccount(
        ctx,
        commandLine,
        {
          username,
          displayName: values.name!,
          role: values.role as Role,
          title: values.title ?? null,
          officeId: values.office ?? null,
          organisationId: values.organisation ?? null,
          language: values.language as Language | undefined,
        },
        { direct: true },
      );
      say('user_created', { username, password: initialPassword });
      return 0;
    });
  }
  if (action === 'disable' || action === 'reset-mfa') {
    const username = positionals[0];
    if (!username) {
      complain('usage');
      return 2;
    }
    return withContext(async (ctx) => {
      const account = await findAccountByUsername(ctx.db, username);
      if (!account) {
        complain('user_not_found', { username });
        return 1;
      }
      if (action === 'disable') await setAccountDisabled(ctx, commandLine, account.id, true);
      else await resetMfa(ctx, commandLine, account.id, null);
      say(action === 'disable' ? 'user_disabled' : 'user_mfa_reset', { username });
      return 0;
    });
  }
  complain('usage');
  return 2;
}
