import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { createContext } from '../../server/createContext.ts';
import { installDemo } from '../../features/demo/index.ts';
import { scheduleDailyDigest } from '../../features/overview/index.ts';
import { AuditAnchor } from '../../core/audit/auditAnchor.ts';
import { loadSigningKey } from '../../core/audit/checkpoints.ts';
import { configuredSinks } from '../../core/audit/checkpointSinks.ts';
import { serveEmbeddedBackups } from '../../core/db/backup.ts';
import { complain, say } from '../output.ts';

export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const ctx = await createContext(config);
  if (values.demo || config.demo) {
    const credentials = await installDemo(ctx);
    // Printed once, when the demo installation is made; never again and never in production mode.
    if (credentials) {
      say('demo_created');
      for (const account of credentials) console.log(`  ${account.role.padEnd(14)} ${account.username.padEnd(26)} ${account.password}`);
    }
  }
  // The audit chain's head, signed and sent outside the database whenever it has moved, and at stop.
  const anchor = new AuditAnchor(
    ctx.db,
    loadSigningKey(config.audit.signingKeyFile),
    configuredSinks(config.audit),
    ({ sink, error }) => complain('audit_checkpoint_failed', { sink, error: (error as Error)?.message ?? String(error) }),
    (previous, now) => complain('audit_head_backwards', { previous: previous.seq, now: now.seq }),
  );
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  // The daily e-mail digest, when an SMTP server is configured; one server sends it each day.
  const stopDigest = scheduleDailyDigest(ctx, (error) =>
    app.log.error({ err: { type: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'daily digest not sent'),
  );
  // With the embedded database, `polku backup` gets its dump from this server while it runs.
  const stopBackups = ctx.dumpEmbedded
    ? await serveEmbeddedBackups(config.dataDir, ctx.dumpEmbedded).catch((error) => {
        app.log.error({ err: { type: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'backup socket not opened');
        return async () => {};
      })
    : async () => {};
  const stop = async () => {
    stopDigest();
    await stopBackups();
    await app.close();
    await anchor.stop().catch((error) => complain('audit_checkpoint_failed', { sink: 'audit_log', error: String(error) }));
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  anchor.start(config.audit.checkpointIntervalSeconds * 1000);
  say('listening', { url: `http://localhost:${config.port}`, database: ctx.kind === 'postgres' ? 'PostgreSQL' : config.dataDir });
  return new Promise<number>(() => {});
}
