import { once } from 'node:events';
import fs from 'node:fs';
import { translate } from '../../core/i18n/i18n.ts';
import { ImportRejected, createdCount, describeProblem, importRegister, writeRegister } from '../../features/exchange/index.ts';
import { cliLanguage, complain, say } from '../output.ts';
import { commandLine, withContext } from './withContext.ts';

/** polku import FILE.ndjson: all or nothing; every wrong line is listed with its number and reason. */
export async function importCommand(args: string[]): Promise<number> {
  const [file] = args;
  if (!file) {
    complain('usage');
    return 2;
  }
  if (!fs.existsSync(file)) {
    complain('file_not_found', { file });
    return 1;
  }
  return withContext(async (ctx) => {
    try {
      // Read as a stream: a register of any size is checked line by line, never held whole in memory.
      const summary = await importRegister(ctx, commandLine, fs.createReadStream(file, 'utf8'), ({ phase, done, total }) =>
        process.stderr.write(`\r${translate(cliLanguage(), `cli.import_${phase}`)} ${done}/${total}`),
      );
      process.stderr.write('\n');
      say('imported', { lines: summary.lines, created: createdCount(summary), unchanged: summary.unchanged });
      return 0;
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error;
      complain('import_rejected', { count: error.problems.length });
      for (const problem of error.problems) console.error(`  ${describeProblem(cliLanguage(), problem)}`);
      return 1;
    }
  });
}

/** polku export FILE.ndjson: the whole register in the exchange format. */
export async function exportCommand(args: string[]): Promise<number> {
  const [file] = args;
  if (!file) {
    complain('usage');
    return 2;
  }
  return withContext(async (ctx) => {
    // Written as it is read, a thousand persons at a time: a register of any size, in little memory.
    const out = fs.createWriteStream(file, { mode: 0o600 });
    try {
      const { lines, omitted } = await writeRegister(ctx.db, ctx.keyring, commandLine, (text) =>
        out.write(text) ? undefined : once(out, 'drain'),
      );
      await new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve(undefined))));
      say('exported', { lines, file });
      if (omitted > 0) complain('export_omitted', { count: omitted });
      return 0;
    } catch (error) {
      // No half-written file is left behind to be taken for the register.
      out.destroy();
      fs.rmSync(file, { force: true });
      throw error;
    }
  });
}
