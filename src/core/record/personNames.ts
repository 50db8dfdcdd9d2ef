import { blindIndexTerm } from '../crypto/blindIndex.ts';
import type { FieldCipher } from '../crypto/fieldCipher.ts';
import type { Keyring } from '../crypto/keys.ts';
import { protectedContext } from '../crypto/protectedColumns.ts';
import type { Database } from '../db/database.ts';
import { nameForms, nameTokens, soundKey } from './nameForms.ts';

/**
 * A person's name (or alias) is sealed like their contact details: a stolen database without the key
 * file must not tell who is in it. It is found again through a blind index: the keyed terms of the
 * name's normalised forms (`nameForms`) in `person_name_terms`. The index shows which persons share a
 * form of a name, never the form itself.
 */
const purpose = 'persons.name';

export const sealPersonName = (cipher: FieldCipher, personId: string, name: string | null | undefined) =>
  cipher.encryptOptional(name?.trim(), protectedContext('persons', 'name', personId));

export const openPersonName = (cipher: FieldCipher, personId: string, stored: string | null) =>
  cipher.decryptOptional(stored, protectedContext('persons', 'name', personId));

/** The blind index terms of a name: what is stored for it, and what finds it as a match candidate. */
export function nameIndexTerms(keyring: Keyring, name: string | null | undefined): string[] {
  return name ? nameForms(name).map((form) => blindIndexTerm(keyring.blindIndexKey, purpose, form)) : [];
}

/**
 * A name typed into a search, as index terms: one per word, its sound key, so that Olena finds Олена
 * and Elena. A person is found when they hold every term (`personsNamed`).
 */
export function nameSearchTerms(keyring: Keyring, typed: string): string[] {
  return [...new Set(nameTokens(typed).map((token) => blindIndexTerm(keyring.blindIndexKey, purpose, `sound:${soundKey(token)}`)))];
}

/** Writes the person's index terms for their (new) name, replacing any old ones. */
export async function indexPersonName(db: Database, keyring: Keyring, personId: string, name: string | null | undefined): Promise<void> {
  await db.deleteFrom('person_name_terms').where('person_id', '=', personId).execute();
  const terms = nameIndexTerms(keyring, name);
  if (terms.length > 0)
    await db
      .insertInto('person_name_terms')
      .values(terms.map((term) => ({ person_id: personId, term })))
      .execute();
}

/** Persons holding any of the terms: match candidates, to be opened and scored. */
export const personsWithAnyTerm = (db: Database, terms: string[]) =>
  db
    .selectFrom('person_name_terms')
    .select('person_id')
    .where('term', 'in', terms.length > 0 ? terms : ['']);

/** Persons holding every term: the result of a search by name (`nameSearchTerms`). */
export const personsNamed = (db: Database, terms: string[]) =>
  db
    .selectFrom('person_name_terms')
    .select('person_id')
    .where('term', 'in', terms.length > 0 ? terms : [''])
    .groupBy('person_id')
    .having((eb) => eb(eb.fn.count('term').distinct(), '=', terms.length));
