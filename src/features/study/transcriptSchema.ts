import type { FromSchema } from 'json-schema-to-ts';
import { boolean, codeOf, date, integer, nullable, objectBody, optionalString, string, text, uuid } from '../../server/schemaParts.ts';
import { pseudonymKinds } from './pseudonymise.ts';
import { shape, shapes } from './shapes.ts';

/** How an interview was held. */
export const interviewModes = ['in_person', 'video', 'phone'] as const;
/** A transcript file: plain text (UTF-8) or Word, at most this many megabytes. */
export const MAX_TRANSCRIPT_MB = 5;
export const transcriptFormats = ['txt', 'docx'] as const;

export const transcriptParams = {
  type: 'object',
  required: ['id', 'transcriptId'],
  properties: { id: uuid, transcriptId: uuid },
} as const;
export const questionParams = { type: 'object', required: ['id', 'questionId'], properties: { id: uuid, questionId: uuid } } as const;

export const interviewBody = objectBody(['participantId', 'heldOn', 'mode', 'interviewerId', 'lengthMinutes', 'guideId'], {
  participantId: uuid,
  heldOn: date,
  mode: codeOf(interviewModes),
  interviewerId: nullable(uuid),
  lengthMinutes: nullable({ type: 'integer', minimum: 1, maximum: 1440 }),
  guideId: nullable(uuid),
});

const transcriptFile = {
  fileName: text(255, 1),
  contentBase64: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9+/]*={0,2}$' },
} as const;

/** A transcript file, read and searched for names to replace; nothing is stored. */
export const transcriptPreviewBody = objectBody(['fileName', 'contentBase64'], transcriptFile);

const replacement = objectBody(['kind', 'term', 'replacement'], {
  kind: codeOf(pseudonymKinds),
  term: text(200, 2),
  replacement: text(60, 1),
});

/** The transcript saved, with the replacements the researcher accepted (remembered for the study's later transcripts). */
export const transcriptBody = objectBody(['interviewId', 'fileName', 'contentBase64', 'replacements'], {
  interviewId: uuid,
  ...transcriptFile,
  replacements: { type: 'array', maxItems: 500, items: replacement },
});

export const sectionsBody = objectBody(['sections'], {
  sections: {
    type: 'array',
    maxItems: 500,
    items: objectBody(['questionId', 'start', 'end'], { questionId: uuid, start: { type: 'integer', minimum: 0 }, end: integer }),
  },
});

export const interviewsResponse = shapes({
  id: string,
  participantId: string,
  participantCode: string,
  organisationType: string,
  heldOn: string,
  mode: string,
  interviewer: optionalString,
  lengthMinutes: nullable(integer),
  guideTitle: optionalString,
  guideVersion: nullable(integer),
  transcript: nullable(shape({ id: string, name: string, length: integer, replacements: integer })),
});

export const previewResponse = shape({
  text: string,
  length: integer,
  proposals: shapes({ kind: string, term: string, replacement: string, occurrences: integer, known: boolean }),
});

const segmentShape = {
  id: string,
  start: integer,
  end: integer,
  coderId: string,
  coder: string,
  own: boolean,
  codeIds: { type: 'array', items: string },
  quotation: boolean,
  memo: optionalString,
} as const;

export const transcriptResponse = shape({
  id: string,
  studyId: string,
  studyTitle: string,
  name: string,
  participantCode: optionalString,
  organisationType: optionalString,
  heldOn: optionalString,
  text: string,
  length: integer,
  canEdit: boolean,
  memo: optionalString,
  questions: shapes({ id: string, label: string, text: string }),
  sections: shapes({ questionId: string, start: integer, end: integer }),
  segments: shapes(segmentShape),
});

export const answersResponse = shape({
  question: string,
  label: string,
  answers: shapes({ transcriptId: string, name: string, participantCode: optionalString, organisationType: optionalString, text: string }),
});

export type InterviewInput = FromSchema<typeof interviewBody>;
export type TranscriptPreviewInput = FromSchema<typeof transcriptPreviewBody>;
export type TranscriptInput = FromSchema<typeof transcriptBody>;
export type SectionsInput = FromSchema<typeof sectionsBody>;
export type InterviewsResponse = FromSchema<typeof interviewsResponse>;
export type PreviewResponse = FromSchema<typeof previewResponse>;
export type TranscriptResponse = FromSchema<typeof transcriptResponse>;
export type AnswersResponse = FromSchema<typeof answersResponse>;
