import type { FromSchema } from 'json-schema-to-ts';
import { genders, languageLevels, scripts } from '../../core/codes.ts';
import {
  boolean,
  codeOf,
  date,
  integer,
  objectBody,
  optionalText,
  optionalString,
  responseList,
  responseObject,
  string,
  strings,
  text,
  uuid,
} from '../../server/schemaParts.ts';

/** Work-life coaching: programme templates and groups. No client data here (participants come with their own shapes). */

const names = objectBody(['fi', 'sv', 'en'], { fi: text(200, 1), sv: text(200, 1), en: text(200, 1) });
const itemKey = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' } as const;
const namedItems = {
  type: 'array',
  minItems: 1,
  maxItems: 30,
  items: objectBody(['key', 'names'], { key: itemKey, names }),
} as const;
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
export const programmeIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' } },
} as const;

/**
 * A programme's template. Content types, goals and the plan may be left out of a change: the
 * previous version's are kept, the plan fitted to the new length (programmes.ts).
 */
export const programmeBody = objectBody(['names', 'weeks', 'sessionsPerWeek', 'weekdays', 'sessionStart', 'sessionMinutes'], {
  names,
  weeks: { type: 'integer', minimum: 1, maximum: 52 },
  sessionsPerWeek: { type: 'integer', minimum: 1, maximum: 5 },
  weekdays: { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 5 } },
  sessionStart: time,
  sessionMinutes: { type: 'integer', minimum: 30, maximum: 480 },
  contentTypes: namedItems,
  goals: namedItems,
  plan: { type: 'array', minItems: 1, maxItems: 260, items: itemKey },
});
/** A new programme starts as a copy of another's current template, under its own names. */
export const newProgrammeBody = objectBody(['basedOn', 'names'], { basedOn: programmeIdParams.properties.id, names });

const namesResponse = responseObject({ fi: string, sv: string, en: string });
const namedItemsResponse = responseList({ key: string, names: namesResponse });
const template = {
  version: integer,
  names: namesResponse,
  weeks: integer,
  sessionsPerWeek: integer,
  weekdays: { type: 'array', items: integer },
  sessionStart: string,
  sessionMinutes: integer,
  contentTypes: namedItemsResponse,
  goals: namedItemsResponse,
  plan: strings,
  createdAt: string,
  createdBy: optionalString,
} as const;
export const programmeListResponse = responseList({ id: string, ...template });
export const programmeResponse = responseObject({
  id: string,
  ...template,
  versions: responseList({ version: integer, createdAt: string, createdBy: optionalString }),
});
export const programmeCreatedResponse = { 201: responseObject({ id: string }) } as const;
export const programmeVersionResponse = { 200: responseObject({ version: integer }) } as const;

/**
 * Entry requirements as data: each is one rule the enrolment checks against what is known of the
 * person, and explains when it is not met. `language`: one of the languages at least at the level.
 */
export const requirement = {
  oneOf: [
    objectBody(['kind', 'genders'], {
      kind: { const: 'gender' },
      genders: { type: 'array', minItems: 1, uniqueItems: true, items: codeOf(genders) },
    }),
    objectBody(['kind', 'languages', 'level'], {
      kind: { const: 'language' },
      languages: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', pattern: '^[a-z]{2,3}$' } },
      level: codeOf(languageLevels),
    }),
    objectBody(['kind', 'script'], { kind: { const: 'literacy' }, script: codeOf(scripts) }),
  ],
} as const;

export const groupBody = objectBody(
  ['programmeId', 'name', 'startsOn', 'place', 'teachingLanguages', 'capacity', 'coachIds', 'partnerIds', 'requirements'],
  {
    programmeId: programmeIdParams.properties.id,
    name: text(200, 1),
    startsOn: date,
    place: text(300, 1),
    teachingLanguages: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z]{2,3}$' },
    },
    capacity: { type: 'integer', minimum: 1, maximum: 100 },
    coachIds: { type: 'array', maxItems: 20, uniqueItems: true, items: uuid },
    partnerIds: { type: 'array', maxItems: 20, uniqueItems: true, items: text(100, 1) },
    requirements: { type: 'array', maxItems: 10, items: requirement },
  },
);

const requirementResponse = {
  type: 'object',
  additionalProperties: false,
  properties: { kind: string, genders: strings, languages: strings, level: string, script: string },
} as const;
const person = responseObject({ id: string, name: string });
const groupSummary = {
  id: string,
  name: string,
  programmeId: string,
  programmeVersion: integer,
  programmeNames: namesResponse,
  startsOn: string,
  place: string,
  teachingLanguages: strings,
  capacity: integer,
} as const;
export const groupListResponse = responseList(groupSummary);
export const groupResponse = responseObject({
  ...groupSummary,
  requirements: { type: 'array', items: requirementResponse },
  coaches: { type: 'array', items: person },
  partners: { type: 'array', items: person },
  /** The day of the last session. */
  endsOn: optionalString,
  /** Whether the asker may change the group: one of its coaches. */
  mayManage: boolean,
});
export const sessionListResponse = responseList({
  id: string,
  number: integer,
  contentType: string,
  day: string,
  /** The day the schedule gave it, before any move. */
  plannedDay: string,
  startsAt: string,
  minutes: integer,
  teacher: optionalString,
  place: optionalString,
});
export const sessionParams = { type: 'object', required: ['id', 'itemId'], properties: { id: uuid, itemId: uuid } } as const;
/** A session moved or completed: its day and start, its teacher or guest lecturer and its place (empty: the group's). */
export const sessionChangeBody = objectBody(['day', 'startsAt'], {
  day: date,
  startsAt: time,
  teacher: optionalText(200),
  place: optionalText(300),
});

export const coachListResponse = responseList({ id: string, name: string });

export type ProgrammeInput = FromSchema<typeof programmeBody>;
export type NewProgrammeInput = FromSchema<typeof newProgrammeBody>;
export type Programme = FromSchema<typeof programmeResponse>;
export type ProgrammeSummary = FromSchema<typeof programmeListResponse>[number];
export type Requirement = FromSchema<typeof requirement>;
export type GroupInput = FromSchema<typeof groupBody>;
export type Group = FromSchema<typeof groupResponse>;
export type GroupSummary = FromSchema<typeof groupListResponse>[number];
export type Session = FromSchema<typeof sessionListResponse>[number];
export type SessionChange = FromSchema<typeof sessionChangeBody>;
export type Coach = FromSchema<typeof coachListResponse>[number];
