import type { FromSchema } from 'json-schema-to-ts';
import {
  exploitationPlaces,
  exploitationPurposes,
  isicSections,
  meansOfControl,
  noteSensitivities,
  recruitmentMethods,
  residenceStatuses,
  statutoryServices,
  terminationReasons,
} from '../../core/codes.ts';
import {
  boolean,
  date,
  inGroup,
  integer,
  objectBody,
  optionalDate,
  optionalName,
  optionalString,
  responseList,
  string,
  strings,
  uuid,
} from '../../server/schemaParts.ts';

/** The media types a client's document may have; documents.ts says what the content of each must be. */
export const documentTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
] as const;

export const serviceBody = objectBody(['service', 'requestedOn'], {
  service: { type: 'string', enum: [...statutoryServices] },
  requestedOn: date,
  arrangedOn: optionalDate,
  endedOn: optionalDate,
  provider: optionalName(200),
});
export const serviceChangesBody = {
  ...objectBody([], { arrangedOn: optionalDate, endedOn: optionalDate, provider: optionalName(200) }),
  minProperties: 1,
} as const;
export const noteBody = objectBody(['sensitivity', 'body'], {
  sensitivity: { type: 'string', enum: [...noteSensitivities] },
  body: { type: 'string', minLength: 1, maxLength: 20000 },
});
export const taskBody = objectBody(['title', 'dueOn'], {
  title: { type: 'string', minLength: 1, maxLength: 500 },
  dueOn: date,
  assigneeId: uuid,
});
export const taskDoneBody = objectBody(['done'], { done: { type: 'boolean' } });
export const residenceBody = objectBody(['status', 'at'], { status: { type: 'string', enum: [...residenceStatuses] }, at: date });
export const childBody = objectBody(['birthDate', 'from'], { birthDate: date, from: date });
export const exploitationBody = {
  type: 'array',
  maxItems: 10,
  items: objectBody(['purpose', 'place', 'main', 'minorAtTime'], {
    purpose: { type: 'string', enum: [...exploitationPurposes] },
    place: { anyOf: [{ type: 'string', enum: [...exploitationPlaces] }, { type: 'null' }] },
    main: { type: 'boolean' },
    minorAtTime: { type: 'boolean' },
    sector: { anyOf: [{ type: 'string', enum: [...isicSections] }, { type: 'null' }] },
    meansOfControl: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...meansOfControl] } },
    recruitment: { anyOf: [{ type: 'string', enum: [...recruitmentMethods] }, { type: 'null' }] },
  }),
} as const;
export const terminationBody = objectBody(['reason'], {
  reason: { type: 'string', enum: [...terminationReasons] },
  at: { type: 'string', format: 'date-time' },
});
export const reopeningBody = objectBody(['reason'], { reason: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' } });
export const documentBody = objectBody(['fileName', 'mediaType', 'contentBase64'], {
  fileName: { type: 'string', minLength: 1, maxLength: 1000 },
  mediaType: { type: 'string', enum: [...documentTypes] },
  contentBase64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' },
});

/** The actor's own open tasks, across clients: each task's title and day are its client's notes. */
export const myTasksResponse = responseList({
  id: inGroup('record', string),
  clientId: inGroup('record', string),
  clientName: inGroup('identity', optionalString),
  title: inGroup('notes', string),
  dueOn: inGroup('notes', string),
});

export type ServiceInput = FromSchema<typeof serviceBody>;
export type ServiceChanges = FromSchema<typeof serviceChangesBody>;
export type NoteInput = FromSchema<typeof noteBody>;
export type TaskInput = FromSchema<typeof taskBody>;
export type TaskDone = FromSchema<typeof taskDoneBody>;
export type ResidenceInput = FromSchema<typeof residenceBody>;
export type ChildInput = FromSchema<typeof childBody>;
export type ExploitationInput = FromSchema<typeof exploitationBody>[number];
export type TerminationInput = FromSchema<typeof terminationBody>;
export type ReopeningInput = FromSchema<typeof reopeningBody>;
export type DocumentUpload = FromSchema<typeof documentBody>;
export type MyTask = FromSchema<typeof myTasksResponse>[number];

/* The parts of a client's record this feature fills (recordParts.ts), each under its key. */
export const childrenSchema = responseList({ id: string, birthDate: optionalString, from: string });
export const exploitationSchema = responseList({
  purpose: string,
  place: string,
  main: boolean,
  minorAtTime: { type: ['boolean', 'null'] },
  sector: optionalString,
  meansOfControl: strings,
  recruitment: optionalString,
});
export const terminationSchema = responseList({ at: string, reason: string, by: optionalString });
export const reopeningsSchema = responseList({ at: string, reason: string, by: optionalString });
export const residenceSchema = responseList({ status: string, at: string });
export const servicesSchema = responseList({
  id: string,
  service: string,
  requestedOn: string,
  arrangedOn: optionalString,
  endedOn: optionalString,
  provider: optionalString,
  by: optionalString,
});
export const notesSchema = responseList({ id: string, at: string, sensitivity: string, by: optionalString, body: string });
export const tasksSchema = responseList({
  id: string,
  title: string,
  dueOn: string,
  assignee: optionalString,
  doneAt: optionalString,
  overdue: boolean,
});
export const documentsSchema = responseList({
  id: string,
  fileName: string,
  mediaType: string,
  size: integer,
  at: string,
  by: optionalString,
});
export type CaseworkRecord = {
  children?: FromSchema<typeof childrenSchema>;
  exploitations?: FromSchema<typeof exploitationSchema>;
  terminations?: FromSchema<typeof terminationSchema>;
  reopenings?: FromSchema<typeof reopeningsSchema>;
  residence?: FromSchema<typeof residenceSchema>;
  services?: FromSchema<typeof servicesSchema>;
  notes?: FromSchema<typeof notesSchema>;
  tasks?: FromSchema<typeof tasksSchema>;
  documents?: FromSchema<typeof documentsSchema>;
};
