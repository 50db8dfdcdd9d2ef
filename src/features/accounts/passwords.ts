import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 12;

const commonPasswords = new Set(
  fs
    .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

/** @node-rs/argon2 hashes with argon2id by default (19 MiB, 2 passes: the OWASP minimum). */
export const hashPassword = (password: string) => hash(password);
export const passwordMatches = (passwordHash: string, password: string) => verify(passwordHash, password);

/** A hash to verify against when the account does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export async function spendPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hash('polku-dummy-password-for-timing');
  await verify(await dummyHash, password);
  return false;
}

/** Returns the locale key of the first problem, or null when the password is acceptable. */
export function passwordProblem(password: string, username = ''): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (commonPasswords.has(lower) || commonPasswords.has(stem) || /^(.)\1+$/u.test(password)) return 'password_common';
  const name = username.toLowerCase().split('@')[0];
  if (name.length >= 3 && lower.includes(name)) return 'password_contains_username';
  return null;
}
