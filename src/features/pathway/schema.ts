import type { FromSchema } from 'json-schema-to-ts';
import {
  codeOf,
  date,
  inGroup,
  integer,
  nullable,
  objectBody,
  optionalDate,
  optionalString,
  responseList,
  responseObject,
  string,
  text,
  uuid,
} from '../../server/schemaParts.ts';
import {
  employerEngagements,
  fairWorkChecks,
  placementKinds,
  cefrLevels,
  goalSources,
  goalStatuses,
  languageSkills,
  languageSources,
  pathwayServiceKinds,
  pathwayServiceStatuses,
  planKinds,
  progressAreas,
} from './codes.ts';

const goal = objectBody(['text', 'source', 'status', 'setOn'], {
  /** A goal carried over from an earlier version keeps its id, so versions can be compared goal by goal. */
  id: uuid,
  text: text(1000, 1),
  source: codeOf(goalSources),
  status: codeOf(goalStatuses),
  holdReason: nullable(text(500, 1)),
  setOn: date,
  statusOn: optionalDate,
});
const planPartner = objectBody(['organisationId', 'consentOn'], { organisationId: text(100, 1), consentOn: date });

export const planBody = objectBody(['kind', 'drawnBy', 'drawnWith', 'drawnOn', 'goals', 'partners'], {
  kind: codeOf(planKinds),
  drawnBy: text(300, 1),
  drawnWith: text(500),
  drawnOn: date,
  nextReviewOn: optionalDate,
  goals: { type: 'array', maxItems: 50, items: goal },
  partners: { type: 'array', maxItems: 10, items: planPartner },
});
export type PlanInput = FromSchema<typeof planBody>;
export const planRevisionBody = objectBody(['drawnBy', 'drawnWith', 'drawnOn', 'goals', 'partners'], {
  drawnBy: planBody.properties.drawnBy,
  drawnWith: planBody.properties.drawnWith,
  drawnOn: date,
  nextReviewOn: optionalDate,
  goals: planBody.properties.goals,
  partners: planBody.properties.partners,
});
export type PlanRevisionInput = FromSchema<typeof planRevisionBody>;

export const checkpointBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'assessedOn', 'assessor', 'level'],
  properties: {
    kind: codeOf(['mental_state', 'literacy', 'language']),
    assessedOn: date,
    assessor: text(200, 1),
    level: text(40, 1),
    language: text(10, 2),
    skills: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: Object.fromEntries(languageSkills.map((skill) => [skill, codeOf(cefrLevels)])) as Record<
        (typeof languageSkills)[number],
        ReturnType<typeof codeOf<typeof cefrLevels>>
      >,
    },
    source: codeOf(languageSources),
    clinicalNote: text(5000),
  },
} as const;
export type CheckpointInput = FromSchema<typeof checkpointBody>;

export const directoryBody = objectBody(['organisationId', 'service', 'name', 'region', 'languages', 'howToRefer'], {
  organisationId: text(100, 1),
  service: codeOf(pathwayServiceKinds),
  name: text(200, 1),
  region: text(200, 1),
  languages: { type: 'array', maxItems: 20, items: text(10, 2) },
  howToRefer: text(1000, 1),
});
export type DirectoryInput = FromSchema<typeof directoryBody>;
export const directoryResponse = responseList({
  id: string,
  organisationId: string,
  organisationName: string,
  service: string,
  name: string,
  region: string,
  languages: { type: 'array', items: string },
  howToRefer: string,
});

export const pathwayServiceBody = objectBody(['directoryId', 'proposedOn'], { directoryId: uuid, proposedOn: date });
export type PathwayServiceInput = FromSchema<typeof pathwayServiceBody>;
export const serviceStepBody = objectBody(['status', 'on'], {
  status: codeOf(pathwayServiceStatuses),
  on: date,
  consentOn: date,
  sharedWithProvider: text(1000, 1),
  dropReason: text(500, 1),
});
export type ServiceStepInput = FromSchema<typeof serviceStepBody>;

export const progressBody = objectBody(['readOn', 'scores'], {
  readOn: date,
  scores: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(progressAreas.map((area) => [area, { type: 'integer', minimum: 1, maximum: 10 }])) as Record<
      (typeof progressAreas)[number],
      { readonly type: 'integer'; readonly minimum: 1; readonly maximum: 10 }
    >,
  },
});
export type ProgressInput = FromSchema<typeof progressBody>;

const goalShape = responseObject({
  id: string,
  text: string,
  source: string,
  status: string,
  holdReason: optionalString,
  setOn: string,
  statusOn: optionalString,
});
const versionShape = {
  version: integer,
  drawnBy: string,
  drawnWith: string,
  drawnOn: string,
  nextReviewOn: optionalString,
  goals: { type: 'array', items: goalShape },
  partners: responseList({ organisationId: string, organisationName: string, consentOn: string }),
  recordedBy: optionalString,
  recordedAt: string,
} as const;

/** Record parts. Plans, checkpoints and services: `services`; the clinical content: `health`; progress: `coaching`. */
export const plansSchema = responseList({ id: string, kind: string, versions: integer, ...versionShape });
export const checkpointsSchema = responseList({
  id: string,
  kind: string,
  assessedOn: string,
  assessor: string,
  level: string,
  language: optionalString,
  skills: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
  source: optionalString,
  by: optionalString,
});
export const clinicalNotesSchema = responseList({ checkpointId: string, assessedOn: string, note: string });
export const pathwayServicesSchema = responseList({
  id: string,
  service: string,
  name: string,
  organisationId: string,
  organisationName: string,
  status: string,
  proposedOn: string,
  referredOn: optionalString,
  consentOn: optionalString,
  sharedWithProvider: optionalString,
  startedOn: optionalString,
  endedOn: optionalString,
  dropReason: optionalString,
});
export const progressSchema = responseList({
  id: string,
  readOn: string,
  scores: { type: 'object', additionalProperties: { type: 'integer' } },
  by: optionalString,
});

export const planVersionsResponse = {
  type: 'object',
  properties: {
    id: inGroup('record', string),
    kind: inGroup('services', string),
    versions: inGroup('services', { type: 'array', items: responseObject(versionShape) }),
  },
} as const;
export const planParams = { type: 'object', required: ['id', 'planId'], properties: { id: uuid, planId: uuid } } as const;
export const serviceParams = { type: 'object', required: ['id', 'serviceId'], properties: { id: uuid, serviceId: uuid } } as const;

/** The pathway's parts of a client's record, as the record carries them (each absent when its group is not granted). */
export interface PathwayRecord {
  pathwayPlans?: FromSchema<typeof plansSchema>;
  pathwayCheckpoints?: FromSchema<typeof checkpointsSchema>;
  pathwayClinicalNotes?: FromSchema<typeof clinicalNotesSchema>;
  pathwayServices?: FromSchema<typeof pathwayServicesSchema>;
  pathwayProgress?: FromSchema<typeof progressSchema>;
}
export type PlanVersions = FromSchema<typeof planVersionsResponse>;
export type DirectoryEntry = FromSchema<typeof directoryResponse.items>;

export const employerBody = objectBody(['name', 'engagement', 'contactPersons'], {
  name: text(200, 1),
  engagement: { type: 'array', minItems: 1, uniqueItems: true, items: codeOf(employerEngagements) },
  contactPersons: text(1000, 1),
});
export type EmployerInput = FromSchema<typeof employerBody>;
export const employersResponse = responseList({
  id: string,
  name: string,
  engagement: { type: 'array', items: string },
  contactPersons: string,
});
export type Employer = FromSchema<typeof employersResponse.items>;

export const placementBody = objectBody(['employerId', 'kind', 'startsOn', 'checkedOn', 'checks'], {
  employerId: uuid,
  kind: codeOf(placementKinds),
  startsOn: date,
  endsOn: optionalDate,
  checkedOn: date,
  checks: {
    type: 'object',
    additionalProperties: false,
    required: [...fairWorkChecks],
    properties: Object.fromEntries(fairWorkChecks.map((check) => [check, { type: 'boolean' }])) as Record<
      (typeof fairWorkChecks)[number],
      { readonly type: 'boolean' }
    >,
  },
});
export type PlacementInput = FromSchema<typeof placementBody>;
export const placementsSchema = responseList({
  id: string,
  employerName: string,
  kind: string,
  startsOn: string,
  endsOn: optionalString,
  checkedOn: string,
  unmet: { type: 'array', items: string },
  by: optionalString,
});
export interface SafeWorkRecord {
  pathwayPlacements?: FromSchema<typeof placementsSchema>;
}

export const distanceResponse = responseObject({
  clients: integer,
  included: integer,
  excluded: responseObject({ fewerThanTwo: integer, tooClose: integer }),
  minDaysBetween: integer,
  areas: responseList({
    area: string,
    clients: integer,
    first: { type: ['number', 'null'] },
    latest: { type: ['number', 'null'] },
    change: { type: ['number', 'null'] },
  }),
});
export type DistanceTravelled = FromSchema<typeof distanceResponse>;

export const outcomeParams = {
  type: 'object',
  required: ['year'],
  properties: { year: { type: 'string', pattern: '^[0-9]{4}$' } },
} as const;
const outcomeForm = { type: 'string', enum: ['internal', 'published'], default: 'published' } as const;
export const outcomeQuery = { type: 'object', additionalProperties: false, properties: { form: outcomeForm } } as const;
export const outcomeFileQuery = objectBody(['format'], {
  form: outcomeForm,
  // csv-semicolon: the CSV that opens in columns in a spreadsheet set for Finland.
  format: { type: 'string', enum: ['csv', 'csv-semicolon', 'xlsx'] },
});
const count = { type: ['integer', 'null'] } as const;
/** The outcome report: counts only, so no field group; a count hidden in the published form is null. */
export const outcomeResponse = responseObject({
  year: integer,
  form: string,
  firstYear: integer,
  lastYear: integer,
  tables: responseList({
    table: string,
    columns: { type: 'array', items: string },
    rows: responseList({ row: string, counts: { type: 'array', items: count } }),
  }),
  timeToWorkOrStudies: responseObject({ persons: count, median: count, lowerQuartile: count, upperQuartile: count }),
});
export type OutcomeReport = FromSchema<typeof outcomeResponse>;
