import type { FromSchema } from 'json-schema-to-ts';
import {
  consentGivers,
  consentMethods,
  exploitationPurposes,
  exploitationPlaces,
  genders,
  isicSections,
  meansOfControl,
  recruitmentMethods,
  referralSources,
  replyChannels,
  residenceStatuses,
} from '../../core/codes.ts';
import {
  date,
  name,
  nullable,
  optionalName,
  optionalString,
  responseList as list,
  responseObject as object,
  string,
  text,
  uuid,
} from '../../server/schemaParts.ts';
import { inGroup, responseObject } from '../../server/schemaParts.ts';

const nationality = { type: 'string', pattern: '^([A-Z]{2}|stateless|unknown)$' } as const;
/** Languages as ISO 639 codes (two or three letters), as the interpreter services book them. */
const languageList = { type: 'array', maxItems: 10, uniqueItems: true, items: { type: 'string', pattern: '^[a-z]{2,3}$' } } as const;

const person = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'birthDate', 'gender', 'nationality'],
  properties: {
    name: name(200, 1),
    birthDate: date,
    birthDateEstimated: { type: 'boolean' },
    gender: { type: 'string', enum: [...genders] },
    nationality,
    languages: languageList,
    interpreterNeeded: { type: 'boolean' },
    contact: nullable(text(2000)),
    whereabouts: nullable(text(2000)),
    safePlace: nullable({ type: 'boolean' }),
    acuteThreat: nullable({ type: 'boolean' }),
  },
} as const;

export const exploitationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['purposes'],
  properties: {
    purposes: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', enum: [...exploitationPurposes] } },
    place: nullable({ type: 'string', enum: [...exploitationPlaces] }),
    sector: nullable({ type: 'string', enum: [...isicSections] }),
    minorAtTime: { type: 'boolean' },
    meansOfControl: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', enum: [...meansOfControl] } },
    recruitment: nullable({ type: 'string', enum: [...recruitmentMethods] }),
  },
} as const;

const consentGiven = {
  type: 'object',
  additionalProperties: false,
  required: ['given', 'givenBy', 'at', 'method'],
  properties: {
    given: { type: 'boolean', enum: [true] },
    givenBy: { type: 'string', enum: [...consentGivers] },
    at: { type: 'string', format: 'date-time' },
    method: { type: 'string', enum: [...consentMethods] },
    interpreter: nullable(text(200)),
  },
} as const;

const consentOverridden = {
  type: 'object',
  additionalProperties: false,
  required: ['given', 'overrideReason'],
  properties: { given: { type: 'boolean', enum: [false] }, overrideReason: text(2000, 10) },
} as const;

/**
 * Consent given, or (for a child) overridden with a reason. The request's `given` chooses the branch,
 * so a wrong request hears only about the branch it chose, never both (as `oneOf` would say).
 */
const consent = {
  type: 'object',
  properties: { given: { type: 'boolean' } },
  if: { type: 'object', required: ['given'], properties: { given: { const: false } } },
  then: consentOverridden,
  else: consentGiven,
} as const;

export const referralBody = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'person', 'consent'],
  properties: {
    source: { type: 'string', enum: [...referralSources] },
    referrerName: optionalName(200),
    officeId: nullable(text(64, 1)),
    person,
    children: {
      type: 'array',
      maxItems: 15,
      items: { type: 'object', additionalProperties: false, required: ['birthDate'], properties: { birthDate: date } },
    },
    exploitation: nullable(exploitationSchema),
    residenceStatus: nullable({ type: 'string', enum: [...residenceStatuses] }),
    account: nullable(text(8000)),
    consent,
  },
} as const;

/** Languages the public self-referral page speaks: the assistance system's and its clients' most common. */
export const publicLanguages = ['fi', 'sv', 'en', 'ar', 'so', 'prs', 'ru', 'uk', 'th', 'vi', 'ne'] as const;

export const publicReferralBody = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'name', 'gender', 'nationality', 'replyChannel', 'consent'],
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

/** A warning sign's answer in the recognition guide. */
export const warningSignAnswers = ['yes', 'maybe', 'no'] as const;

/**
 * A referral a professional makes at the end of the recognition guide, with the person's consent: the
 * signs answered in the guide (checked against the signs by the public site, which knows them), who
 * refers and how to reach them, and the person's identity, asked only at this step.
 */
export const guideReferralBody = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'referrer', 'person', 'consent', 'warningSigns'],
  properties: {
    language: { type: 'string', enum: ['fi', 'sv', 'en'] },
    referrer: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'name', 'contact'],
      properties: {
        source: { type: 'string', enum: referralSources.filter((source) => source !== 'self') },
        name: name(200, 1),
        organisation: text(200),
        contact: text(300, 3),
      },
    },
    person: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'gender', 'nationality'],
      properties: {
        name: name(200, 1),
        birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
        gender: { type: 'string', enum: [...genders] },
        nationality,
        interpreterNeeded: { type: 'boolean' },
        contact: text(2000),
        safePlace: nullable({ type: 'boolean' }),
        acuteThreat: nullable({ type: 'boolean' }),
      },
    },
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['given', 'givenBy', 'method'],
      properties: {
        given: { type: 'boolean' },
        givenBy: { type: 'string', enum: [...consentGivers] },
        method: { type: 'string', enum: consentMethods.filter((method) => method !== 'online_form') },
      },
    },
    warningSigns: {
      type: 'object',
      maxProperties: 20,
      propertyNames: { pattern: '^[a-z_]{1,40}$' },
      additionalProperties: { type: 'string', enum: [...warningSignAnswers] },
    },
    question: text(4000),
  },
} as const;

export const decisionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'reasons', 'letterLanguage'],
  properties: {
    outcome: { type: 'string', enum: ['admitted', 'rejected'] },
    reasons: text(8000, 10),
    letterLanguage: { type: 'string', enum: ['fi', 'sv', 'en'] },
    officeId: text(64, 1),
    caseworkerIds: { type: 'array', maxItems: 5, uniqueItems: true, items: uuid },
    // The suspected exploitation as the decider understands it: its main purpose and place.
    exploitation: {
      type: 'object',
      additionalProperties: false,
      required: ['purpose'],
      properties: {
        purpose: { type: 'string', enum: [...exploitationPurposes] },
        place: nullable({ type: 'string', enum: [...exploitationPlaces] }),
      },
    },
  },
} as const;

/** Whether a possible match is the same person. */
export const matchReviewBody = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: { outcome: { type: 'string', enum: ['confirmed', 'dismissed'] } },
} as const;

/** The consent as one of its two branches (what `if`/`then`/`else` means, spelled out for the type). */
export type ConsentInput = FromSchema<typeof consentGiven> | FromSchema<typeof consentOverridden>;
export type ReferralInput = Omit<FromSchema<typeof referralBody>, 'consent'> & { consent: ConsentInput };
export type PublicReferral = FromSchema<typeof publicReferralBody>;
export type GuideReferral = FromSchema<typeof guideReferralBody>;
export type DecisionInput = FromSchema<typeof decisionBody>;
export type MatchReview = FromSchema<typeof matchReviewBody>;

/*
 * Response shapes. Every part names its field group: once the person has a record, the record's
 * policy decides which of them a reader gets; before that, intake staff read what the referral says.
 */
const optionalBoolean = { type: ['boolean', 'null'] } as const;
const strings = { type: 'array', items: string } as const;

export const referralResponse = object({
  id: inGroup('record', string),
  personId: inGroup('record', string),
  status: inGroup('record', string),
  receivedAt: inGroup('record', string),
  waitedDays: inGroup('record', { type: 'integer' }),
  officeId: inGroup('record', optionalString),
  source: inGroup('case', string),
  referrerName: inGroup('case', optionalString),
  referrerOrganisation: inGroup('case', optionalString),
  person: object({
    name: inGroup('identity', optionalString),
    birthDate: inGroup('identity', optionalString),
    birthDateEstimated: inGroup('identity', { type: 'boolean' }),
    gender: inGroup('identity', string),
    nationality: inGroup('identity', string),
    languages: inGroup('identity', strings),
    interpreterNeeded: inGroup('identity', { type: 'boolean' }),
    safePlace: inGroup('case', optionalBoolean),
    acuteThreat: inGroup('case', optionalBoolean),
    contact: inGroup('contact', optionalString),
    whereabouts: inGroup('contact', optionalString),
  }),
  consent: inGroup(
    'case',
    object({
      given: { type: 'boolean' },
      overrideReason: string,
      givenBy: optionalString,
      at: optionalString,
      method: optionalString,
      interpreter: optionalString,
    }),
  ),
  account: inGroup('case', optionalString),
  children: inGroup('identity', list({ birthDate: string })),
  replyChannel: inGroup('contact', {
    anyOf: [object({ kind: string, address: optionalString, safeTimes: optionalString }), { type: 'null' }],
  }),
  replyLanguage: inGroup('contact', optionalString),
  childrenWithMe: inGroup('identity', { type: ['integer', 'null'] }),
  // From the recognition guide: the signs the professional answered, and how to reach the professional.
  warningSigns: inGroup('case', list({ sign: string, answer: string })),
  referrerContact: inGroup('case', optionalString),
  exploitations: inGroup(
    'case',
    list({
      purpose: string,
      place: optionalString,
      main: { type: 'boolean' },
      minorAtTime: optionalBoolean,
      sector: optionalString,
      meansOfControl: strings,
      recruitment: optionalString,
    }),
  ),
  residence: inGroup('immigration', list({ status: string, at: string })),
  decision: inGroup('case', {
    anyOf: [
      object({
        outcome: string,
        decidedAt: optionalString,
        letterLanguage: optionalString,
        deciderName: optionalString,
        reasons: optionalString,
      }),
      { type: 'null' },
    ],
  }),
  withdrawnAt: inGroup('case', optionalString),
  matches: inGroup(
    'identity',
    list({
      personId: string,
      name: optionalString,
      birthDate: optionalString,
      gender: string,
      nationality: string,
      languages: strings,
      isClient: { type: 'boolean' },
      mayOpen: { type: 'boolean' },
      score: { type: 'number' },
      reasons: strings,
      review: optionalString,
    }),
  ),
  /** Confirmed as a person the register already knew: the referral and what it carried moved to them. */
  merged: inGroup('identity', {
    anyOf: [
      object({ personId: string, confirmedAt: string, isClient: { type: 'boolean' }, mayOpen: { type: 'boolean' } }),
      { type: 'null' },
    ],
  }),
});

export const decisionLetterResponse = object({
  language: inGroup('case', string),
  outcome: inGroup('case', string),
  decidedAt: inGroup('case', string),
  receivedAt: inGroup('case', string),
  name: inGroup('identity', optionalString),
  birthDate: inGroup('identity', optionalString),
  officeId: inGroup('record', optionalString),
  reasons: inGroup('case', optionalString),
  deciderName: inGroup('case', optionalString),
  deciderTitle: inGroup('case', optionalString),
  reference: inGroup('case', string),
  sender: inGroup('case', {
    anyOf: [{ type: 'null' }, responseObject({ name: string, address: string, phone: string, email: string, website: string })],
  }),
  appeal: inGroup('case', { anyOf: [{ type: 'null' }, responseObject({ authority: string, address: string })] }),
});

export const intakeQueueResponse = {
  type: 'array',
  items: object({
    id: inGroup('record', string),
    receivedAt: inGroup('record', string),
    waitedDays: inGroup('record', { type: 'integer' }),
    officeId: inGroup('record', optionalString),
    source: inGroup('case', string),
    name: inGroup('identity', optionalString),
    nationality: inGroup('identity', string),
    acuteThreat: inGroup('case', optionalBoolean),
    safePlace: inGroup('case', optionalBoolean),
    consent: inGroup('case', string),
    referrerOrganisation: inGroup('case', optionalString),
  }),
} as const;

/** How the intake queue can be narrowed and ordered. */
export const queueStates = ['open', 'admitted', 'rejected', 'withdrawn'] as const;
export const queueAges = ['child', 'adult', 'unknown'] as const;
export const queueSorts = ['longest_waiting', 'newest', 'name'] as const;
export const QUEUE_PAGE_SIZE = 25;

/**
 * A search of the intake queue. Sent in a POST body, never a query string: a name typed here must not
 * land in an address, a log or the browser's history.
 */
export const queueSearchBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: text(200),
    /** An office's id, or `none` for the referrals not yet placed in any office. */
    officeId: text(64, 1),
    source: { type: 'string', enum: [...referralSources] },
    age: { type: 'string', enum: [...queueAges] },
    state: { type: 'string', enum: [...queueStates] },
    acuteThreat: { type: 'boolean' },
    sort: { type: 'string', enum: [...queueSorts] },
    page: { type: 'integer', minimum: 1, maximum: 100_000 },
  },
} as const;
export type QueueSearch = FromSchema<typeof queueSearchBody>;

const queueRow = {
  id: inGroup('record', string),
  receivedAt: inGroup('record', string),
  waitedDays: inGroup('record', { type: 'integer' }),
  officeId: inGroup('record', optionalString),
  status: inGroup('case', string),
  source: inGroup('case', string),
  name: inGroup('identity', optionalString),
  nationality: inGroup('identity', string),
  acuteThreat: inGroup('case', optionalBoolean),
  safePlace: inGroup('case', optionalBoolean),
  consent: inGroup('case', string),
  referrerOrganisation: inGroup('case', optionalString),
} as const;

export const queueSearchResponse = object({
  total: inGroup('record', { type: 'integer' }),
  page: inGroup('record', { type: 'integer' }),
  pageSize: inGroup('record', { type: 'integer' }),
  rows: list(queueRow),
});
export type QueueSearchResult = FromSchema<typeof queueSearchResponse>;

export const sentReferralsResponse = {
  type: 'array',
  items: object({
    id: inGroup('record', string),
    receivedAt: inGroup('record', string),
    name: inGroup('identity', optionalString),
    status: inGroup('case', string),
  }),
} as const;

export type ReferralResponse = FromSchema<typeof referralResponse>;
export type DecisionLetter = FromSchema<typeof decisionLetterResponse>;
export type IntakeQueueEntry = FromSchema<typeof intakeQueueResponse>[number];
export type SentReferral = FromSchema<typeof sentReferralsResponse>[number];

/* The parts of a client's record this feature fills (recordParts.ts), each under its key. */
export const referralsSchema = list({
  id: string,
  receivedAt: string,
  source: string,
  outcome: optionalString,
  decidedAt: optionalString,
  withdrawnAt: optionalString,
  /** What the referrer said of the person's safety: null when not asked or not known. */
  acuteThreat: { type: ['boolean', 'null'] },
  safePlace: { type: ['boolean', 'null'] },
});
export type ReferralsRecord = {
  referrals?: FromSchema<typeof referralsSchema>;
};
