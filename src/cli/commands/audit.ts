import { verifyAuditChain } from '../../core/audit/audit.ts';
import { complain, say } from '../output.ts';
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
    for (const problem of problems) console.error(`  ${problem}`);
    return 1;
  });
}
