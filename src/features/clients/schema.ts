import type { FromSchema } from 'json-schema-to-ts';
import { consentGivers, consentMethods, genders } from '../../core/codes.ts';
import { fieldGroups } from '../../core/policy/policy.ts';
import { name, optionalText } from '../../server/schemaParts.ts';

export const newClientBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'birthDate', 'gender', 'nationality'],
  properties: {
    name: name(200, 1),
    birthDate: { type: 'string', format: 'date' },
    gender: { type: 'string', enum: [...genders] },
    nationality: { type: 'string', pattern: '^([A-Z]{2}|stateless|unknown)$' },
    officeId: { type: 'string', minLength: 1, maxLength: 64 },
    contact: optionalText(2000),
    whereabouts: optionalText(2000),
  },
} as const;

/**
 * What a partner organisation may read of a client's record: the field groups, the whole list each
 * time, with the person's consent to that sharing (who gave it, how, when). Ending a share (no field
 * groups) needs no consent.
 */
export const shareBody = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationId', 'fieldGroups'],
  properties: {
    organisationId: { type: 'string', minLength: 1, maxLength: 64 },
    fieldGroups: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...fieldGroups] } },
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['givenBy', 'method', 'at'],
      properties: {
        givenBy: { type: 'string', enum: [...consentGivers] },
        method: { type: 'string', enum: [...consentMethods] },
        at: { type: 'string', format: 'date-time' },
      },
    },
  },
  if: { type: 'object', required: ['fieldGroups'], properties: { fieldGroups: { type: 'array', minItems: 1 } } },
  then: { required: ['consent'] },
} as const;

export const accessLogResponse = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      at: { type: 'string' },
      actorName: { type: ['string', 'null'] },
      actorRole: { type: ['string', 'null'] },
      organisationId: { type: ['string', 'null'] },
      action: { type: 'string' },
      outcome: { type: 'string' },
      fieldGroups: { type: 'array', items: { type: 'string' } },
      reason: { type: ['string', 'null'] },
    },
  },
} as const;

export type NewClient = FromSchema<typeof newClientBody>;
export type Share = FromSchema<typeof shareBody>;
export type AccessLogEntry = FromSchema<typeof accessLogResponse>[number];
