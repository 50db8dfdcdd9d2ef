import type { FromSchema } from 'json-schema-to-ts';
import { idParams, name } from '../../server/schemaParts.ts';
import { roles } from '../../core/policy/policy.ts';
import { languages } from '../../core/languages.ts';

const nullableId = { anyOf: [{ type: 'string', minLength: 1, maxLength: 64 }, { type: 'null' }] } as const;

const nullableString = { type: ['string', 'null'] } as const;

/** A change to an account that waits for a director. */
const pendingGrantSchema = {
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        role: { type: 'string' },
        officeId: nullableString,
        organisationId: nullableString,
        decidesAdmissions: { type: 'boolean' },
        requestedAt: { type: 'string' },
      },
    },
  ],
} as const;

export const accountSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    title: { type: ['string', 'null'] },
    officeId: { type: ['string', 'null'] },
    organisationId: { type: ['string', 'null'] },
    language: { type: 'string' },
    mfaEnabled: { type: 'boolean' },
    disabled: { type: 'boolean' },
    lockedUntil: { type: ['string', 'null'] },
    decidesAdmissions: { type: 'boolean' },
    awaitsConfirmation: { type: 'boolean' },
    mustChangePassword: { type: 'boolean' },
    pendingGrant: pendingGrantSchema,
  },
} as const;

export const grantSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    accountId: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    currentRole: nullableString,
    role: { type: 'string' },
    officeId: nullableString,
    organisationId: nullableString,
    decidesAdmissions: { type: 'boolean' },
    newAccount: { type: 'boolean' },
    requestedBy: nullableString,
    requestedAt: { type: 'string' },
    status: { type: 'string' },
    decidedBy: nullableString,
    decidedAt: nullableString,
    decidable: { type: 'boolean' },
  },
} as const;

const editable = {
  displayName: name(200, 1),
  role: { type: 'string', enum: [...roles] },
  title: { anyOf: [{ type: 'string', maxLength: 100 }, { type: 'null' }] },
  officeId: nullableId,
  organisationId: nullableId,
  language: { type: 'string', enum: [...languages] },
  decidesAdmissions: { type: 'boolean' },
} as const;

export const createAccountBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'displayName', 'role'],
  properties: { username: { type: 'string', minLength: 3, maxLength: 200, pattern: '^[^\\s]+$' }, ...editable },
} as const;

export const updateAccountBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const;

export const accountIdParams = idParams;

export const resetMfaBody = {
  type: 'object',
  additionalProperties: false,
  required: ['password'],
  properties: { password: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;
export const passwordChangeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 1000 },
    newPassword: { type: 'string', minLength: 1, maxLength: 1000 },
  },
} as const;

/** What an administrator sends to create an account, and to change one. */
export type AccountInput = FromSchema<typeof createAccountBody>;
export type AccountChanges = FromSchema<typeof updateAccountBody>;
export type PasswordChange = FromSchema<typeof passwordChangeBody>;
/** The administrator's own password, asked again before a person's second factor is reset. */
export type MfaReset = FromSchema<typeof resetMfaBody>;
/** An account as the API shows it, and a change waiting for a director. */
export type AccountResponse = FromSchema<typeof accountSchema>;
export type GrantResponse = FromSchema<typeof grantSchema>;
