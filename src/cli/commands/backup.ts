import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../core/config.ts';
import { backupDatabase, restoreDatabase } from '../../core/db/backup.ts';
import { verifyAuditChain } from '../../core/audit/audit.ts';
import { translate } from '../../core/i18n/i18n.ts';
import { cliLanguage, complain, say } from '../output.ts';
import { withContext } from './withContext.ts';

/** polku backup FILE: the whole database into one file; the key file is never in it. */
export async function backupCommand(args: string[]): Promise<number> {
  if (args.length !== 1) {
    complain('restore_usage');
    return 2;
  }
  const config = loadConfig();
  const file = path.resolve(args[0]);
  const kind = await backupDatabase(config, file);
  say('backed_up', { file, database: kind === 'postgres' ? 'PostgreSQL' : config.dataDir });
  say('backup_key_apart', { keyFile: config.keyFile });
  return 0;
}

/**
 * polku restore FILE: the backup in place of the database, then opened as the server opens it
 * (migrated, the keys checked against it) and its audit chain verified before anyone uses it.
 */
export async function restoreCommand(args: string[]): Promise<number> {
  if (args.length !== 1) {
    complain('restore_usage');
    return 2;
  }
  const file = path.resolve(args[0]);
  if (!fs.existsSync(file)) {
    complain('file_not_found', { file });
    return 1;
  }
  await restoreDatabase(loadConfig(), file);
  return withContext(async (ctx) => {
    const { entries, problems } = await verifyAuditChain(ctx.db, ctx.keyring.auditKey);
    if (problems.length > 0) {
      complain('audit_broken', { entries, count: problems.length });
      for (const problem of problems) console.error(`  ${translate(cliLanguage(), `cli.audit_problem.${problem.code}`, { ...problem })}`);
      return 1;
    }
    say('restored', { file, entries });
    return 0;
  });
}
