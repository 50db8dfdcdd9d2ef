import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ChainProblem } from './audit.ts';

/**
 * A signed checkpoint of the audit chain's head. The chain's HMAC key lives beside the database's
 * owner, so whoever can write the database and read that key can cut or re-chain the log; the
 * checkpoints are signed with a separate Ed25519 key and written outside the database (an
 * append-only file, syslog, an HTTP collector), so a cut or a rewrite shows against them.
 */
export interface Checkpoint {
  type: 'polku.audit.checkpoint';
  seq: number;
  hash: string;
  at: string;
  /** The signing key's id: the start of the SHA-256 of its public key. */
  key: string;
  signature: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  id: string;
}

const GENESIS: ChainHead = { seq: 0, hash: '0'.repeat(64) };

/** One read: the last entry's number and hash (0 and the genesis hash for an empty log). */
export async function auditHead(db: Database): Promise<ChainHead> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash! } : GENESIS;
}

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The signing key: POLKU_AUDIT_SIGNING_KEY (PEM, or PEM in base64) or the signing key file, made
 * on first use with its public key beside it (`<file>.pub`), which is all a verifier needs.
 */
export function loadSigningKey(file: string, env: NodeJS.ProcessEnv = process.env, createIfMissing = true): SigningKey {
  let pem = env.POLKU_AUDIT_SIGNING_KEY;
  if (pem && !pem.includes('-----BEGIN')) pem = Buffer.from(pem, 'base64').toString('utf8');
  if (!pem) {
    if (!fs.existsSync(file)) {
      if (!createIfMissing) throw Object.assign(new Error(`Signing key ${file} not found`), { code: 'ENOENT', path: file });
      const pair = generateKeyPairSync('ed25519');
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(`${file}.pub`, pair.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
    }
    pem = fs.readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key is not an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, id: keyId(publicKey) };
}

export function loadPublicKey(file: string): KeyObject {
  const publicKey = createPublicKey(fs.readFileSync(file, 'utf8'));
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 public key`);
  return publicKey;
}

/** What is signed: every field a verifier relies on, in a fixed order. */
function signedBytes(checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'at' | 'key'>): Buffer {
  return Buffer.from(`polku.audit.checkpoint/1\n${checkpoint.seq}\n${checkpoint.hash}\n${checkpoint.at}\n${checkpoint.key}`);
}

export function signCheckpoint(key: SigningKey, head: ChainHead, at: Date = new Date()): Checkpoint {
  const body = { seq: head.seq, hash: head.hash, at: at.toISOString(), key: key.id };
  return { type: 'polku.audit.checkpoint', ...body, signature: sign(null, signedBytes(body), key.privateKey).toString('base64') };
}

export function checkpointSignatureIsValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Checkpoints from a file, one a line. A line may carry a prefix before the JSON (a syslog
 * collector's header), so a collector's export can be checked as it is. Returns each line's number.
 */
export function readCheckpoints(text: string): { line: number; checkpoint: Checkpoint | null }[] {
  const found: { line: number; checkpoint: Checkpoint | null }[] = [];
  text.split('\n').forEach((raw, index) => {
    if (!raw.trim()) return;
    const start = raw.indexOf('{');
    let checkpoint: Checkpoint | null = null;
    try {
      const parsed = JSON.parse(raw.slice(start));
      if (
        start >= 0 &&
        parsed?.type === 'polku.audit.checkpoint' &&
        Number.isSafeInteger(parsed.seq) &&
        parsed.seq >= 0 &&
        typeof parsed.hash === 'string' &&
        typeof parsed.at === 'string' &&
        typeof parsed.key === 'string' &&
        typeof parsed.signature === 'string'
      ) {
        checkpoint = parsed;
      }
    } catch {
      /* reported as unreadable */
    }
    found.push({ line: index + 1, checkpoint });
  });
  return found;
}

/**
 * Compares the table with the checkpoints: a checkpoint beyond the table's last entry means the end
 * was cut; a checkpoint whose entry now has another hash means an entry at or before it was
 * rewritten (the chain was recomputed). Lines that are unreadable, signed by another key or forged
 * are problems too: nothing unsigned is trusted.
 */
export async function verifyCheckpoints(
  db: Database,
  publicKey: KeyObject,
  text: string,
): Promise<{ checkpoints: number; latest: Checkpoint | null; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  const id = keyId(publicKey);
  const valid: Checkpoint[] = [];
  for (const { line, checkpoint } of readCheckpoints(text)) {
    if (!checkpoint) problems.push({ code: 'checkpoint_unreadable', seq: 0, line });
    else if (checkpoint.key !== id) problems.push({ code: 'checkpoint_other_key', seq: checkpoint.seq, line, key: checkpoint.key });
    else if (!checkpointSignatureIsValid(checkpoint, publicKey)) problems.push({ code: 'checkpoint_forged', seq: checkpoint.seq, line });
    else valid.push(checkpoint);
  }
  valid.sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at));
  const end = Number((await sql<{ end: string | number | null }>`select max(seq) as end from audit_log`.execute(db)).rows[0]?.end ?? 0);
  const latest = valid.at(-1) ?? null;
  if (latest && latest.seq > end) problems.push({ code: 'cut', seq: end + 1, to: latest.seq, at: latest.at });

  const hashes = new Map<number, string>();
  const wanted = [...new Set(valid.filter((c) => c.seq > 0 && c.seq <= end).map((c) => c.seq))];
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', 'in', wanted.slice(i, i + 1000))
      .execute();
    for (const row of rows) hashes.set(Number(row.seq), row.hash!);
  }
  // A recomputed chain differs from every checkpoint after the rewrite: report where it starts,
  // between the last checkpoint that still matches and the first that does not.
  let lastMatching = 0;
  let inRewrite = false;
  for (const checkpoint of valid) {
    if (checkpoint.seq === 0 || checkpoint.seq > end) continue;
    const hash = hashes.get(checkpoint.seq);
    if (hash === undefined) continue; // a missing entry: the chain check names it
    if (hash === checkpoint.hash) {
      if (!inRewrite) lastMatching = checkpoint.seq;
      continue;
    }
    if (!inRewrite) problems.push({ code: 'rewritten', seq: checkpoint.seq, from: lastMatching + 1, at: checkpoint.at });
    inRewrite = true;
  }
  return { checkpoints: valid.length, latest, problems };
}
