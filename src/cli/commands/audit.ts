import { verifyAuditChain } from '../../core/audit/audit.ts';
import { translate } from '../../core/i18n/i18n.ts';
import { cliLanguage, complain, say } from '../output.ts';
import { withContext } from './withContext.ts';

export async function auditCommand(args: string[]): Promise<number> {
  if (args[0] !== 'verify') {
    complain('usage');
    return 2;
  }
  return withContext(async (ctx) => {
    const { entries, problems } = await verifyAuditChain(ctx.db, ctx.keyring.auditKey);
    if (problems.length === 0) {
      say('audit_intact', { entries });
      return 0;
    }
    complain('audit_broken', { entries, count: problems.length });
    for (const problem of problems) console.error(`  ${translate(cliLanguage(), `cli.audit_problem.${problem.code}`, { ...problem })}`);
    return 1;
  });
}
