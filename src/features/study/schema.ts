import type { FromSchema } from 'json-schema-to-ts';
import {
  boolean,
  codeOf,
  date,
  integer,
  name,
  nullable,
  objectBody,
  optionalString,
  string,
  text,
  uuid,
} from '../../server/schemaParts.ts';
import { languages } from '../../core/languages.ts';
import { shape, shapes } from './shapes.ts';
import { consentMethods, organisationTypes } from './participantKinds.ts';

export * from './transcriptSchema.ts';
export * from './codingSchema.ts';
export * from './analysisSchema.ts';
export * from './exchangeSchema.ts';

/** Where a study is in its life. */
export const studyStatuses = ['planning', 'collecting', 'analysing', 'reporting', 'closed'] as const;
export type StudyStatus = (typeof studyStatuses)[number];

export const studyParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
export const guideParams = { type: 'object', required: ['id', 'guideId'], properties: { id: uuid, guideId: uuid } } as const;

const studyFacts = {
  title: text(300, 1),
  ethicsReference: nullable(text(200)),
  dataLocation: nullable(text(1000)),
  retainUntil: nullable(date),
  status: codeOf(studyStatuses),
} as const;

/** A new study: its facts and research questions; the researcher who creates it is on its team. */
export const createStudyBody = objectBody(['title', 'status', 'researchQuestions'], {
  ...studyFacts,
  researchQuestions: { type: 'array', minItems: 1, maxItems: 10, items: text(2000, 1) },
});

/** A study's facts and research questions changed: a question that keeps its id keeps its links to guide questions. */
export const updateStudyBody = objectBody(['title', 'ethicsReference', 'dataLocation', 'retainUntil', 'status', 'researchQuestions'], {
  ...studyFacts,
  researchQuestions: {
    type: 'array',
    minItems: 1,
    maxItems: 10,
    items: objectBody(['id', 'text'], { id: nullable(uuid), text: text(2000, 1) }),
  },
});

export const teamBody = objectBody(['accountIds'], {
  accountIds: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: uuid },
});

/** A new guide: empty, or from the template of the employment study's interview guide in the chosen language. */
export const createGuideBody = objectBody(['title', 'language', 'fromTemplate'], {
  title: text(300, 1),
  language: codeOf(languages),
  fromTemplate: boolean,
});

const guideQuestionInput = objectBody(['id', 'text', 'probes', 'serves'], {
  id: nullable(uuid),
  text: text(2000, 1),
  probes: { type: 'array', maxItems: 30, items: text(2000, 1) },
  serves: { type: 'array', maxItems: 10, uniqueItems: true, items: uuid },
});

/** The whole guide as it should be; `version` is the one the editor started from, so a change made meanwhile is not overwritten. */
export const saveGuideBody = objectBody(['title', 'version', 'sections'], {
  title: text(300, 1),
  version: { type: 'integer', minimum: 1 },
  sections: {
    type: 'array',
    maxItems: 30,
    items: objectBody(['id', 'title', 'questions'], {
      id: nullable(uuid),
      title: text(300, 1),
      questions: { type: 'array', maxItems: 60, items: guideQuestionInput },
    }),
  },
});

const researchQuestion = { id: string, position: integer, text: string } as const;

export const studyListResponse = shapes({
  id: string,
  title: string,
  status: string,
  onTeam: boolean,
  updatedAt: string,
});

export const studyResponse = shape({
  id: string,
  title: string,
  ethicsReference: optionalString,
  dataLocation: optionalString,
  retainUntil: optionalString,
  status: string,
  researchQuestions: shapes(researchQuestion),
  team: shapes({ id: string, displayName: string }),
  guides: shapes({ id: string, title: string, language: string, version: integer, updatedAt: string }),
  canEdit: boolean,
});

export const researchersResponse = shapes({ id: string, displayName: string });

export const guideResponse = shape({
  id: string,
  studyId: string,
  studyTitle: string,
  title: string,
  language: string,
  version: integer,
  updatedAt: string,
  canEdit: boolean,
  researchQuestions: shapes(researchQuestion),
  sections: shapes({
    id: string,
    title: string,
    questions: shapes({
      id: string,
      text: string,
      probes: { type: 'array', items: string },
      serves: { type: 'array', items: string },
    }),
  }),
});

export type StudyInput = FromSchema<typeof createStudyBody>;
export type StudyChange = FromSchema<typeof updateStudyBody>;
export type TeamChange = FromSchema<typeof teamBody>;
export type GuideInput = FromSchema<typeof createGuideBody>;
export type GuideSave = FromSchema<typeof saveGuideBody>;
export type StudyListResponse = FromSchema<typeof studyListResponse>;
export type StudyResponse = FromSchema<typeof studyResponse>;
export type ResearchersResponse = FromSchema<typeof researchersResponse>;
export type GuideResponse = FromSchema<typeof guideResponse>;

export { consentMethods, organisationTypes };

export const participantParams = {
  type: 'object',
  required: ['id', 'participantId'],
  properties: { id: uuid, participantId: uuid },
} as const;

/** A new participant: a code is given by Polku; name and contact only if the study keeps them at all, sealed. */
export const participantBody = objectBody(['organisationType', 'role', 'region', 'name', 'contact'], {
  organisationType: codeOf(organisationTypes),
  role: nullable(text(200)),
  region: nullable(text(100)),
  name: nullable(name(200)),
  contact: nullable(text(500)),
});

export const consentBody = objectBody(
  ['informationSheetVersion', 'formVersion', 'givenOn', 'method', 'recording', 'quotations', 'archiving', 'reuse'],
  {
    informationSheetVersion: text(50, 1),
    formVersion: text(50, 1),
    givenOn: date,
    method: codeOf(consentMethods),
    recording: boolean,
    quotations: boolean,
    archiving: boolean,
    reuse: boolean,
  },
);

export const withdrawalBody = objectBody(['withdrawnOn'], { withdrawnOn: date });

const consentShape = shape({
  informationSheetVersion: string,
  formVersion: string,
  givenOn: string,
  method: string,
  recording: boolean,
  quotations: boolean,
  archiving: boolean,
  reuse: boolean,
  recordedAt: string,
});

export const participantsResponse = shapes({
  id: string,
  code: string,
  organisationType: string,
  role: optionalString,
  region: optionalString,
  identityKept: boolean,
  consent: nullable(consentShape),
  withdrawal: nullable(
    shape({ withdrawnOn: string, recordedAt: string, recordedBy: string, removed: { type: 'object', additionalProperties: integer } }),
  ),
});

export const participantCreatedResponse = { 201: shape({ id: string, code: string }) } as const;
export const identityResponse = shape({ name: optionalString, contact: optionalString });

export type ParticipantInput = FromSchema<typeof participantBody>;
export type ConsentInput = FromSchema<typeof consentBody>;
export type WithdrawalInput = FromSchema<typeof withdrawalBody>;
export type ParticipantsResponse = FromSchema<typeof participantsResponse>;
export type IdentityResponse = FromSchema<typeof identityResponse>;
