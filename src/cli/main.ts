import { AppError } from '../core/errors.ts';
import { translate } from '../core/i18n/i18n.ts';
import { cliLanguage } from './output.ts';
import { startCommand } from './commands/start.ts';
import { migrateCommand } from './commands/migrate.ts';
import { userCommand } from './commands/user.ts';
import { auditCommand } from './commands/audit.ts';
import { keysCommand } from './commands/keys.ts';
import { exportCommand, importCommand } from './commands/exchange.ts';
import { demoRegisterCommand } from './commands/demoRegister.ts';
import { statsCommand } from './commands/stats.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: startCommand,
  migrate: migrateCommand,
  user: userCommand,
  audit: auditCommand,
  keys: keysCommand,
  import: importCommand,
  export: exportCommand,
  'demo-register': demoRegisterCommand,
  stats: statsCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(translate(cliLanguage(), 'cli.usage'));
    return name ? 2 : 0;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof AppError) console.error(translate(cliLanguage(), `errors.${error.code}`, error.params));
    else if (String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS_')) {
      console.error(translate(cliLanguage(), 'cli.usage'));
      return 2;
    } else console.error(error);
    return 1;
  }
}
