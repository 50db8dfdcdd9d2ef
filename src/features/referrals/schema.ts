import {
  consentGivers, consentMethods, exploitationPurposes, exploitationPlaces, genders, isicSections, meansOfControl, recruitmentMethods,
  referralSources, replyChannels, residenceStatuses,
} from '../../core/codes.ts';
import { date, name, nullable, optionalName, text, uuid } from '../../server/schemaParts.ts';

const nationality = { type: 'string', pattern: '^([A-Z]{2}|stateless|unknown)$' } as const;
/** Languages as ISO 639 codes (two or three letters), as the interpreter services book them. */
const languageList = { type: 'array', maxItems: 10, uniqueItems: true, items: { type: 'string', pattern: '^[a-z]{2,3}$' } } as const;


const person = {
  type: 'object', additionalProperties: false, required: ['name', 'birthDate', 'gender', 'nationality'],
  properties: {
    name: name(200, 1), birthDate: date, birthDateEstimated: { type: 'boolean' }, gender: { type: 'string', enum: [...genders] }, nationality,
    languages: languageList, interpreterNeeded: { type: 'boolean' }, contact: nullable(text(2000)), whereabouts: nullable(text(2000)),
    safePlace: nullable({ type: 'boolean' }), acuteThreat: nullable({ type: 'boolean' }),
  },
} as const;

export const exploitationSchema = {
  type: 'object', additionalProperties: false, required: ['purposes'],
  properties: {
    purposes: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', enum: [...exploitationPurposes] } },
    place: nullable({ type: 'string', enum: [...exploitationPlaces] }),
    sector: nullable({ type: 'string', enum: [...isicSections] }),
    minorAtTime: { type: 'boolean' },
    meansOfControl: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', enum: [...meansOfControl] } },
    recruitment: nullable({ type: 'string', enum: [...recruitmentMethods] }),
  },
} as const;

const consent = {
  oneOf: [
    {
      type: 'object', additionalProperties: false, required: ['given', 'givenBy', 'at', 'method'],
      properties: {
        given: { type: 'boolean', enum: [true] }, givenBy: { type: 'string', enum: [...consentGivers] }, at: { type: 'string', format: 'date-time' },
        method: { type: 'string', enum: [...consentMethods] }, interpreter: nullable(text(200)),
      },
    },
    { type: 'object', additionalProperties: false, required: ['given', 'overrideReason'], properties: { given: { type: 'boolean', enum: [false] }, overrideReason: text(2000, 10) } },
  ],
} as const;

export const referralBody = {
  type: 'object', additionalProperties: false, required: ['source', 'person', 'consent'],
  properties: {
    source: { type: 'string', enum: [...referralSources] },
    referrerName: optionalName(200),
    officeId: nullable(text(64, 1)),
    person,
    children: { type: 'array', maxItems: 15, items: { type: 'object', additionalProperties: false, required: ['birthDate'], properties: { birthDate: date } } },
    exploitation: nullable(exploitationSchema),
    residenceStatus: nullable({ type: 'string', enum: [...residenceStatuses] }),
    account: nullable(text(8000)),
    consent,
  },
} as const;

/** Languages the public self-referral page speaks: the assistance system's and its clients' most common. */
export const publicLanguages = ['fi', 'sv', 'en', 'ar', 'so', 'prs', 'ru', 'uk', 'th', 'vi', 'ne'] as const;

export const publicReferralBody = {
  type: 'object', additionalProperties: false, required: ['language', 'name', 'gender', 'nationality', 'replyChannel', 'consent'],
  properties: {
    language: { type: 'string', enum: [...publicLanguages] },
    name: name(200, 1),
    birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
    gender: { type: 'string', enum: [...genders] },
    nationality,
    languages: languageList,
    interpreterNeeded: { type: 'boolean' },
    replyChannel: { type: 'string', enum: [...replyChannels] },
    replyAddress: text(300),
    safeTimes: text(300),
    safePlace: nullable({ type: 'boolean' }),
    acuteThreat: nullable({ type: 'boolean' }),
    whatHappened: text(8000),
    childrenWithMe: { type: 'integer', minimum: 0, maximum: 15 },
    consent: { type: 'boolean' },
  },
} as const;

export const decisionBody = {
  type: 'object', additionalProperties: false, required: ['outcome', 'reasons', 'letterLanguage'],
  properties: {
    outcome: { type: 'string', enum: ['admitted', 'rejected'] },
    reasons: text(8000, 10),
    letterLanguage: { type: 'string', enum: ['fi', 'sv', 'en'] },
    officeId: text(64, 1),
    caseworkerIds: { type: 'array', maxItems: 5, uniqueItems: true, items: uuid },
    // The suspected exploitation as the decider understands it: its main purpose and place.
    exploitation: {
      type: 'object', additionalProperties: false, required: ['purpose'],
      properties: { purpose: { type: 'string', enum: [...exploitationPurposes] }, place: nullable({ type: 'string', enum: [...exploitationPlaces] }) },
    },
  },
} as const;
