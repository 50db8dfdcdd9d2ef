import type { FromSchema } from 'json-schema-to-ts';
import { actorTypes, consultationChannels, consultationOutcomes, consultationTopics, regions } from '../../core/codes.ts';
import {
  codeOf,
  date,
  integer,
  name,
  objectBody,
  optionalString,
  responseList,
  responseObject,
  string,
  text,
} from '../../server/schemaParts.ts';
import { publicLanguages } from '../referrals/index.ts';
import { signAnswers, warningSignIds } from './warningSigns.ts';

/**
 * The competence centre: consultations and training events. No shape here has a place for the
 * identity of the person a consultation is about; who asked is told by kind of actor.
 */

/** The guide's answers by warning sign; a sign left unanswered is left out. */
export const signAnswersBody = {
  type: 'object',
  propertyNames: codeOf(warningSignIds),
  additionalProperties: codeOf(signAnswers),
  maxProperties: warningSignIds.length,
} as const;

/**
 * An anonymous consultation from the public recognition guide: the professional's own actor type,
 * organisation and region, the signs, the question and how to reach them, and the page's language.
 */
export const guideConsultationBody = objectBody(['actorType', 'region', 'signs', 'question', 'contact', 'language'], {
  actorType: codeOf(actorTypes),
  organisation: name(200),
  region: codeOf(regions),
  signs: signAnswersBody,
  question: text(4000, 1),
  contact: text(300, 1),
  language: codeOf(publicLanguages),
});

/** The channels staff record; `guide` arrives only from the public guide. */
export const staffChannels = consultationChannels.filter((channel) => channel !== 'guide') as Array<
  Exclude<(typeof consultationChannels)[number], 'guide'>
>;

/** A consultation staff record: by phone, e-mail, chat or in a meeting. */
export const consultationBody = objectBody(['heldOn', 'channel', 'actorType', 'topic', 'outcome', 'durationMinutes'], {
  heldOn: date,
  channel: codeOf(staffChannels),
  actorType: codeOf(actorTypes),
  organisation: name(200),
  region: codeOf(regions),
  topic: codeOf(consultationTopics),
  outcome: codeOf(consultationOutcomes),
  durationMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
});

/** A caseworker's answer to a consultation that came from the guide. */
export const answerBody = objectBody(['topic', 'outcome', 'answer'], {
  topic: codeOf(consultationTopics),
  outcome: codeOf(consultationOutcomes),
  durationMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
  answer: text(4000, 1),
});

/** A training event: its audience by actor type, as counts. */
export const trainingBody = objectBody(['heldOn', 'topic', 'region', 'participants', 'audience'], {
  heldOn: date,
  topic: text(300, 1),
  region: codeOf(regions),
  participants: { type: 'integer', minimum: 1, maximum: 10000 },
  audience: {
    type: 'object',
    propertyNames: codeOf(actorTypes),
    additionalProperties: { type: 'integer', minimum: 1, maximum: 10000 },
    minProperties: 1,
  },
});

export const overviewQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: { year: { type: 'string', pattern: '^20[0-9]{2}$' } },
} as const;
export const overviewFileQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'format'],
  properties: { ...overviewQuery.properties, format: { type: 'string', enum: ['csv', 'xlsx'] } },
} as const;

const consultationSummary = {
  id: string,
  heldOn: string,
  channel: string,
  actorType: string,
  organisation: optionalString,
  region: optionalString,
  topic: optionalString,
  outcome: optionalString,
  durationMinutes: { type: ['integer', 'null'] },
  status: string,
  signs: { type: 'object', additionalProperties: string },
  /** The guide's rule on the signs: look into this further. */
  lookIntoFurther: { type: 'boolean' },
} as const;
export const consultationListResponse = responseList(consultationSummary);
/** One consultation with its sealed parts opened (the read is audited). */
export const consultationResponse = responseObject({
  ...consultationSummary,
  question: optionalString,
  contact: optionalString,
  answer: optionalString,
  language: optionalString,
  answeredAt: optionalString,
  answeredBy: optionalString,
  recordedBy: optionalString,
});

export const trainingListResponse = responseList({
  id: string,
  heldOn: string,
  topic: string,
  region: string,
  participants: integer,
  audience: { type: 'object', additionalProperties: integer },
});

const countRows = responseList({ key: string, consultations: integer, trainings: integer, participants: integer });
export const overviewResponse = responseObject({
  year: integer,
  totals: responseObject({ consultations: integer, waiting: integer, trainings: integer, participants: integer }),
  byMonth: countRows,
  byActorType: countRows,
  byTopic: countRows,
});

export type GuideConsultationInput = FromSchema<typeof guideConsultationBody>;
export type ConsultationInput = FromSchema<typeof consultationBody>;
export type AnswerInput = FromSchema<typeof answerBody>;
export type TrainingInput = FromSchema<typeof trainingBody>;
export type ConsultationSummary = FromSchema<typeof consultationListResponse>[number];
export type Consultation = FromSchema<typeof consultationResponse>;
export type TrainingEvent = FromSchema<typeof trainingListResponse>[number];
export type CompetenceOverview = FromSchema<typeof overviewResponse>;
