import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrate.ts';

/**
 * One migrated PGlite data folder, dumped once; each test file starts its own database from it
 * (about a second instead of a fresh initdb per file).
 */
export default async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
  const pglite = await PGlite.create();
  const opened = await openDatabase({ pglite });
  await migrate(opened.db);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polku-template-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await opened.close();
  process.env.POLKU_TEST_TEMPLATE = file;
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
