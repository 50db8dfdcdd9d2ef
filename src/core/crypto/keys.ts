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
}

interface KeyFileJson {
  version: 1;
  currentMasterKey: string;
  masterKeys: Record<string, string>;
  auditKey: string;
}

export function newMasterKeyId(): string {
  return `m${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function loadKeyring(keyFile: string, env: NodeJS.ProcessEnv = process.env, createIfMissing = true): Keyring {
  if (env.POLKU_KEYS) return parse(JSON.parse(Buffer.from(env.POLKU_KEYS, 'base64').toString('utf8')));
  if (!fs.existsSync(keyFile)) {
    if (!createIfMissing) throw new Error(`Key file ${keyFile} not found`);
    const id = newMasterKeyId();
    saveKeyring(keyFile, { currentMasterKey: id, masterKeys: { [id]: randomBytes(32) }, auditKey: randomBytes(32) });
  }
  return parse(JSON.parse(fs.readFileSync(keyFile, 'utf8')));
}

export function saveKeyring(keyFile: string, keyring: Keyring): void {
  const json: KeyFileJson = {
    version: 1,
    currentMasterKey: keyring.currentMasterKey,
    masterKeys: Object.fromEntries(Object.entries(keyring.masterKeys).map(([id, key]) => [id, key.toString('base64')])),
    auditKey: keyring.auditKey.toString('base64'),
  };
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const temporary = `${keyFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(json, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, keyFile);
}

function parse(json: KeyFileJson): Keyring {
  const masterKeys = Object.fromEntries(Object.entries(json.masterKeys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
  if (!masterKeys[json.currentMasterKey]) throw new Error('The key file names a current master key it does not hold');
  return { currentMasterKey: json.currentMasterKey, masterKeys, auditKey: Buffer.from(json.auditKey, 'base64') };
}
