import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Keys live outside the database (a key file, or POLKU_KEYS holding the same JSON in base64),
 * so that a database dump alone reveals no protected field and cannot forge the audit chain.
 */
export interface Keyring {
  currentMasterKey: string;
  masterKeys: Record<string, Buffer>;
  auditKey: Buffer;
  /**
   * HMAC key of the blind indexes (keyed hashes of normalised name forms), so that names can be
   * matched and searched while sealed. Neither a data key nor the audit key: a dump together with
   * the audit key still cannot test guessed names against the index.
   */
  blindIndexKey: Buffer;
}

interface KeyFileJson {
  version: 1;
  currentMasterKey: string;
  masterKeys: Record<string, string>;
  auditKey: string;
  /** Absent in key files written before names were sealed: added on first load. */
  blindIndexKey?: string;
}

export function newMasterKeyId(): string {
  return `m${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function loadKeyring(keyFile: string, env: NodeJS.ProcessEnv = process.env, createIfMissing = true): Keyring {
  if (env.POLKU_KEYS) {
    const json = JSON.parse(Buffer.from(env.POLKU_KEYS, 'base64').toString('utf8')) as KeyFileJson;
    // A key made up here would change at every start and silently break matching: the operator adds it once.
    if (!json.blindIndexKey)
      throw new Error('POLKU_KEYS holds no blindIndexKey: add one (32 random bytes, base64) to the key file it was made from');
    return parse(json);
  }
  if (!fs.existsSync(keyFile)) {
    if (!createIfMissing) throw new Error(`Key file ${keyFile} not found`);
    const id = newMasterKeyId();
    saveKeyring(keyFile, {
      currentMasterKey: id,
      masterKeys: { [id]: randomBytes(32) },
      auditKey: randomBytes(32),
      blindIndexKey: randomBytes(32),
    });
  }
  const json = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as KeyFileJson;
  if (json.blindIndexKey) return parse(json);
  // A key file from before names were sealed: it gains its blind-index key once, kept beside the others.
  const keyring = parse({ ...json, blindIndexKey: randomBytes(32).toString('base64') });
  saveKeyring(keyFile, keyring);
  return keyring;
}

export function saveKeyring(keyFile: string, keyring: Keyring): void {
  const json: KeyFileJson = {
    version: 1,
    currentMasterKey: keyring.currentMasterKey,
    masterKeys: Object.fromEntries(Object.entries(keyring.masterKeys).map(([id, key]) => [id, key.toString('base64')])),
    auditKey: keyring.auditKey.toString('base64'),
    blindIndexKey: keyring.blindIndexKey.toString('base64'),
  };
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const temporary = `${keyFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(json, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, keyFile);
}

function parse(json: KeyFileJson): Keyring {
  const masterKeys = Object.fromEntries(Object.entries(json.masterKeys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
  if (!masterKeys[json.currentMasterKey]) throw new Error('The key file names a current master key it does not hold');
  return {
    currentMasterKey: json.currentMasterKey,
    masterKeys,
    auditKey: Buffer.from(json.auditKey, 'base64'),
    blindIndexKey: Buffer.from(json.blindIndexKey!, 'base64'),
  };
}
