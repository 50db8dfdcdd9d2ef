import { loadConfig, type Config } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { migrate } from '../core/db/migrate.ts';
import { FieldCipher } from '../core/crypto/fieldCipher.ts';
import { loadKeyring } from '../core/crypto/keys.ts';
import { sealPlaintextNames } from '../core/record/sealPlaintextNames.ts';
import type { AppContext } from './context.ts';

/** Opens the database (migrated), the keys and the cipher: everything a server or a command needs. */
export async function createContext(
  config: Config = loadConfig(),
): Promise<AppContext & { close(): Promise<void>; kind: string; dumpEmbedded?: () => Promise<Blob> }> {
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(opened.db);
    const keyring = loadKeyring(config.keyFile);
    const cipher = await FieldCipher.load(opened.db, keyring);
    const ctx = { config, db: opened.db, keyring, cipher };
    // Migrations are SQL only; names from before they were sealed are sealed here, once.
    await sealPlaintextNames(ctx);
    return { ...ctx, kind: opened.kind, close: opened.close, dumpEmbedded: opened.dumpEmbedded };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
