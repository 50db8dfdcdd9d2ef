import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { FieldCipher } from './crypto/fieldCipher.ts';
import type { Keyring } from './crypto/keys.ts';

/** What every feature gets: the database, the keys and the configuration. */
export interface AppContext {
  config: Config;
  db: Database;
  keyring: Keyring;
  cipher: FieldCipher;
}
