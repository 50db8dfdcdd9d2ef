import type { FromSchema } from 'json-schema-to-ts';
import { languages } from '../../core/languages.ts';

const code = { type: 'string', minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$' } as const;

export const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;

export const totpCodeBody = { type: 'object', additionalProperties: false, required: ['code'], properties: { code } } as const;

/** The second step of login: a code from the authenticator or one of the recovery codes, never both. */
export const secondFactorBody = {
  type: 'object',
  additionalProperties: false,
  properties: { code, recoveryCode: { type: 'string', minLength: 8, maxLength: 20 } },
  oneOf: [{ required: ['code'] }, { required: ['recoveryCode'] }],
} as const;

export const languageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['language'],
  properties: { language: { type: 'string', enum: [...languages] } },
} as const;

export type Login = FromSchema<typeof loginBody>;
export type TotpCode = FromSchema<typeof totpCodeBody>;
export type SecondFactor = FromSchema<typeof secondFactorBody>;
export type LanguageChoice = FromSchema<typeof languageBody>;
