import { createHmac } from 'node:crypto';

/**
 * A blind index term: the keyed hash (HMAC-SHA-256 under the keyring's blind-index key) of one
 * normalised form of a sealed value. Equal forms give equal terms, so rows can be found by a form
 * without the database holding it; without the key a dump cannot test guessed names against them.
 * The purpose separates indexes, so a term of one never equals a term of another.
 */
export function blindIndexTerm(blindIndexKey: Buffer, purpose: string, form: string): string {
  return createHmac('sha256', blindIndexKey).update(`${purpose}\n${form}`).digest('base64url');
}
