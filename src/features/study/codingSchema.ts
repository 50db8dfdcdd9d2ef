import type { FromSchema } from 'json-schema-to-ts';
import { boolean, codeOf, integer, nullable, objectBody, optionalString, string, text, uuid } from '../../server/schemaParts.ts';
import { shape, shapes } from './shapes.ts';

export const codeParams = { type: 'object', required: ['id', 'codeId'], properties: { id: uuid, codeId: uuid } } as const;
export const segmentParams = { type: 'object', required: ['id', 'segmentId'], properties: { id: uuid, segmentId: uuid } } as const;

const number = { type: 'number' } as const;
const color = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' } as const;

/** A code: its place in the hierarchy (a parent, or none for a theme), and for a theme the research question it answers. */
export const codeBody = objectBody(['name', 'description', 'color', 'parentId', 'researchQuestionId'], {
  name: text(200, 1),
  description: nullable(text(4000)),
  color,
  parentId: nullable(uuid),
  researchQuestionId: nullable(uuid),
});

/** Merging a code into another: its codings, memo and sub-codes go to the other, and it is gone. */
export const mergeBody = objectBody(['intoId'], { intoId: uuid });

const codeIds = { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: uuid } as const;

/** A segment of a transcript, in code points (end exclusive), coded with one or more codes by the person coding. */
export const segmentBody = objectBody(['start', 'end', 'codeIds'], {
  start: { type: 'integer', minimum: 0 },
  end: { type: 'integer', minimum: 1 },
  codeIds,
});

export const segmentChangeBody = objectBody(['codeIds', 'quotation'], { codeIds, quotation: boolean });

export const memoTargets = ['code', 'segment', 'transcript'] as const;
/** A memo on a code, a segment or a transcript; an empty text removes it. */
export const memoBody = objectBody(['target', 'targetId', 'text'], {
  target: codeOf(memoTargets),
  targetId: uuid,
  text: text(20000),
});

/** A word or phrase to find in every transcript of the study; sent in the body, never in an address. */
export const searchBody = objectBody(['text'], { text: text(200, 2) });
/** Codes every hit of a search with the given codes, as the person's own segments. */
export const codeHitsBody = objectBody(['text', 'codeIds'], { text: text(200, 2), codeIds });

export const agreementQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['transcriptId', 'coderA', 'coderB'],
  properties: { transcriptId: uuid, coderA: uuid, coderB: uuid },
} as const;

export const codebookResponse = shape({
  studyId: string,
  studyTitle: string,
  canEdit: boolean,
  researchQuestions: shapes({ id: string, position: integer, text: string }),
  codes: shapes({
    id: string,
    parentId: optionalString,
    name: string,
    description: optionalString,
    color: string,
    researchQuestionId: optionalString,
    segments: integer,
    memo: optionalString,
  }),
});

export const searchResponse = shapes({
  transcriptId: string,
  name: string,
  participantCode: optionalString,
  start: integer,
  end: integer,
  before: string,
  match: string,
  after: string,
});

export const codedHitsResponse = { 200: shape({ coded: integer }) } as const;

const agreementNumbers = {
  characters: integer,
  codedByA: integer,
  codedByB: integer,
  both: integer,
  neither: integer,
  percentage: number,
  kappa: number,
} as const;

export const agreementResponse = shape({
  transcriptId: string,
  name: string,
  coderA: string,
  coderB: string,
  method: string,
  codes: shapes({ codeId: string, name: string, ...agreementNumbers }),
  disagreements: shapes({ codeId: string, name: string, start: integer, end: integer, codedBy: string, text: string }),
});

export const codersResponse = shapes({ id: string, name: string, transcripts: { type: 'array', items: string } });

export type CodeInput = FromSchema<typeof codeBody>;
export type MergeInput = FromSchema<typeof mergeBody>;
export type SegmentInput = FromSchema<typeof segmentBody>;
export type SegmentChange = FromSchema<typeof segmentChangeBody>;
export type MemoInput = FromSchema<typeof memoBody>;
export type SearchInput = FromSchema<typeof searchBody>;
export type CodeHitsInput = FromSchema<typeof codeHitsBody>;
export type CodebookResponse = FromSchema<typeof codebookResponse>;
export type SearchResponse = FromSchema<typeof searchResponse>;
export type AgreementResponse = FromSchema<typeof agreementResponse>;
export type CodersResponse = FromSchema<typeof codersResponse>;
