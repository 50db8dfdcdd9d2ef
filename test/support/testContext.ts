import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createScratchDatabase } from './scratchDatabase.ts';
import { loadConfig } from '../../src/core/config.ts';
import { openDatabase, pgliteOptions } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { FieldCipher } from '../../src/core/crypto/fieldCipher.ts';
import { loadKeyring } from '../../src/core/crypto/keys.ts';
import type { AppContext } from '../../src/server/context.ts';
import { demoOffices, demoOrganisations } from '../../src/features/demo/installDemo.ts';

export type TestContext = AppContext & { close(): Promise<void>; kind: string; databaseUrl?: string };

/**
 * A database of its own for one test file: PGlite from the migrated template, or a fresh database
 * on the real PostgreSQL server named by TEST_DATABASE_URL. Offices and organisations are in place.
 */
export async function createTestContext(): Promise<TestContext> {
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polku-keys-')), 'keys.json');
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  let opened;
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL, 'polku_test');
    databaseUrl = scratch.url;
    dropDatabase = scratch.drop;
    opened = await openDatabase({ databaseUrl });
  } else {
    const template = process.env.POLKU_TEST_TEMPLATE;
    const pglite = await PGlite.create({ ...pgliteOptions, ...(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {}) });
    opened = await openDatabase({ pglite });
  }
  await migrate(opened.db);
  await opened.db.insertInto('offices').values(demoOffices).execute();
  await opened.db.insertInto('organisations').values(demoOrganisations).execute();
  const keyring = loadKeyring(keyFile, {});
  const cipher = await FieldCipher.load(opened.db, keyring);
  const config = loadConfig({}, { databaseUrl, keyFile, publicOrigin: 'http://localhost:3000', dataDir: path.dirname(keyFile) });
  return {
    config,
    db: opened.db,
    keyring,
    cipher,
    kind: opened.kind,
    databaseUrl,
    async close() {
      await opened.close();
      await dropDatabase();
      fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
    },
  };
}

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@test.polku`;
