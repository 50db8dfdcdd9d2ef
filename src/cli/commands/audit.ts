import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { AuditAnchor } from '../../core/audit/auditAnchor.ts';
import { loadPublicKey, loadSigningKey } from '../../core/audit/checkpoints.ts';
import { configuredSinks } from '../../core/audit/checkpointSinks.ts';
import { verifyAuditLog } from '../../core/audit/verifyAuditLog.ts';
import { translate } from '../../core/i18n/i18n.ts';
import { cliLanguage, complain, say } from '../output.ts';
import { withContext } from './withContext.ts';

export async function auditCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'verify') return verify(rest);
  if (action === 'checkpoint' && rest.length === 0) return checkpoint();
  complain('usage');
  return 2;
}

/**
 * Checks the guard, the chain and the signed checkpoints. The public key alone is enough
 * (--public-key), so an auditor can verify without the signing key; a collector's export of the
 * checkpoints can be given instead of the file (--checkpoints).
 */
async function verify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'public-key': { type: 'string' }, checkpoints: { type: 'string' } } });
  return withContext(async (ctx) => {
    const file = values.checkpoints ?? ctx.config.audit.checkpointFile;
    let anchors: { publicKey: KeyObject; checkpoints: string } | null = null;
    if (fs.existsSync(file)) {
      let publicKey: KeyObject;
      try {
        publicKey = values['public-key']
          ? loadPublicKey(values['public-key'])
          : loadSigningKey(ctx.config.audit.signingKeyFile, process.env, false).publicKey;
      } catch {
        complain('audit_no_public_key', { file, key: values['public-key'] ?? ctx.config.audit.signingKeyFile });
        return 1;
      }
      anchors = { publicKey, checkpoints: fs.readFileSync(file, 'utf8') };
    } else if (values.checkpoints) {
      complain('file_not_found', { file });
      return 1;
    }
    const { entries, checkpoints, latest, problems } = await verifyAuditLog(ctx.db, ctx.keyring.auditKey, anchors);
    if (problems.length > 0) {
      complain('audit_broken', { entries, count: problems.length });
      for (const problem of problems) console.error(`  ${translate(cliLanguage(), `cli.audit_problem.${problem.code}`, { ...problem })}`);
      return 1;
    }
    say('audit_intact', { entries });
    if (latest) say('audit_anchored', { count: checkpoints, seq: latest.seq, at: latest.at });
    else complain('audit_no_checkpoints', { file });
    return 0;
  });
}

/** A checkpoint now, to every configured place; for cron, or before and after maintenance. */
async function checkpoint(): Promise<number> {
  return withContext(async (ctx) => {
    const sinks = configuredSinks(ctx.config.audit);
    const anchor = new AuditAnchor(ctx.db, loadSigningKey(ctx.config.audit.signingKeyFile), sinks);
    const { checkpoint: written, failures } = await anchor.checkpoint(true);
    for (const { sink, error } of failures)
      complain('audit_checkpoint_failed', { sink, error: (error as Error)?.message ?? String(error) });
    if (failures.length > 0 || !written) return 1;
    say('audit_checkpoint_written', { seq: written.seq, at: written.at, sinks: sinks.map((sink) => sink.name).join(', ') });
    return 0;
  });
}
