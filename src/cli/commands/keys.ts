import { parseArgs } from 'node:util';
import { rotateKeys } from '../../core/crypto/rotateKeys.ts';
import { complain, say } from '../output.ts';
import { withContext } from './withContext.ts';

export async function keysCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'rotate') {
    complain('usage');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { 'new-master-key': { type: 'boolean', default: false } } });
  return withContext(async (ctx) => {
    const result = await rotateKeys(ctx.db, ctx.keyring, { keyFile: ctx.config.keyFile, newMasterKey: values['new-master-key'] });
    say('keys_rotated', result);
    return 0;
  });
}
