import type { Database } from '../../src/core/db/database.ts';
import type { Keyring } from '../../src/core/crypto/keys.ts';
import { writeRegister } from '../../src/features/exchange/index.ts';

const system = { actorId: null, actorRole: 'command_line', ip: null };

/** The register exported as one text, with how many lines it has and how many records it left out. */
export async function exportedRegister(db: Database, keyring: Keyring) {
  const chunks: string[] = [];
  const { lines, omitted } = await writeRegister(db, keyring, system, (text) => chunks.push(text));
  return { text: chunks.join(''), lines, omitted };
}
