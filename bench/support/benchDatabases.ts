import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../../test/support/scratchDatabase.ts';
import { postgresBin, startOwnCluster } from '../../test/support/ownCluster.ts';

export interface BenchDatabase {
  name: 'PGlite' | 'PostgreSQL';
  /** A new empty database: a data folder for PGlite, a URL for PostgreSQL. */
  create(): Promise<{ dataDir: string; databaseUrl?: string; drop(): Promise<void> }>;
  done(): void;
}

/**
 * The databases a benchmark runs on in one run: the embedded PGlite, and PostgreSQL — the server
 * of DATABASE_URL, or else a throwaway cluster of the PostgreSQL installed here (none: PGlite only).
 */
export async function benchDatabases(): Promise<BenchDatabase[]> {
  const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'polku-bench-'));
  const databases: BenchDatabase[] = [
    {
      name: 'PGlite',
      async create() {
        const dataDir = folder();
        return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
      },
      done() {},
    },
  ];
  let adminUrl = process.env.DATABASE_URL;
  let stopCluster = () => {};
  if (!adminUrl) {
    const bin = postgresBin();
    if (!bin) {
      console.log('No DATABASE_URL and no PostgreSQL installed: PGlite only.');
      return databases;
    }
    const cluster = await startOwnCluster(bin);
    adminUrl = cluster.url;
    stopCluster = () => cluster.remove();
  }
  const admin = adminUrl;
  databases.push({
    name: 'PostgreSQL',
    async create() {
      const dataDir = folder();
      const scratch = await createScratchDatabase(admin, 'polku_bench');
      return {
        dataDir,
        databaseUrl: scratch.url,
        async drop() {
          await scratch.drop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
    done: stopCluster,
  });
  return databases;
}
