import { loadConfig } from '../../core/config.ts';
import { createContext } from '../../server/createContext.ts';
import type { AppContext } from '../../server/context.ts';

/** Every command that touches data opens the same context as the server and always closes it. */
export async function withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

/** Commands act as the server's administrator, recorded as such in the audit log. */
export const commandLine = { actorId: null, actorRole: 'command_line', ip: null };
