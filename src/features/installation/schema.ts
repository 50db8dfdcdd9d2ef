import type { FromSchema } from 'json-schema-to-ts';
import { name, objectBody, responseObject, text } from '../../server/schemaParts.ts';

/** A name as the letter prints it in each language a letter is written in. */
const inEachLanguage = objectBody(['fi', 'sv', 'en'], { fi: name(200, 1), sv: name(200, 1), en: name(200, 1) });

/**
 * What every decision letter of this installation says of its sender and of the appeal: the
 * assistance system's name, address and contact details, and the authority an appeal goes to.
 */
export const letterSettingsBody = objectBody(['systemName', 'address', 'phone', 'email', 'appealAuthority', 'appealAddress'], {
  systemName: inEachLanguage,
  address: text(500, 1),
  phone: text(100, 1),
  email: text(200, 1),
  website: text(200),
  appealAuthority: inEachLanguage,
  appealAddress: text(500, 1),
});
export type LetterSettings = FromSchema<typeof letterSettingsBody>;

const inEachLanguageResponse = responseObject({ fi: { type: 'string' }, sv: { type: 'string' }, en: { type: 'string' } });

export const letterSettingsResponse = {
  anyOf: [
    { type: 'null' },
    responseObject({
      systemName: inEachLanguageResponse,
      address: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      website: { type: 'string' },
      appealAuthority: inEachLanguageResponse,
      appealAddress: { type: 'string' },
    }),
  ],
} as const;

export const installationSettingsResponse = responseObject({
  letter: letterSettingsResponse,
  updatedAt: { type: ['string', 'null'] },
});
export type InstallationSettings = FromSchema<typeof installationSettingsResponse>;
