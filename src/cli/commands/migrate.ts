import { loadConfig } from '../../core/config.ts';
import { openDatabase } from '../../core/db/database.ts';
import { migrate } from '../../core/db/migrate.ts';
import { say } from '../output.ts';

export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(opened.db);
    say('migrated', { count: applied.length });
    return 0;
  } finally {
    await opened.close();
  }
}
