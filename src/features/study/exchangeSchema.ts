import type { FromSchema } from 'json-schema-to-ts';
import { integer, objectBody, string, text } from '../../server/schemaParts.ts';
import { shape, shapes } from './shapes.ts';

/** A QDPX project from another tool, at most this many megabytes. */
export const MAX_PROJECT_MB = 50;

const file = { fileName: text(255, 1), contentBase64: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9+/]*={0,2}$' } } as const;
export const exchangeFileBody = objectBody(['fileName', 'contentBase64'], file);

const notTaken = shapes({ kind: string, name: string, count: integer });

export const projectImportResponse = {
  201: shape({
    studyId: string,
    taken: shape({
      participants: integer,
      transcripts: integer,
      codes: integer,
      segments: integer,
      memos: integer,
      researchQuestions: integer,
      coders: integer,
    }),
    notTaken,
  }),
} as const;
export const codebookImportResponse = shape({ codes: integer, notTaken });

export type ExchangeFileInput = FromSchema<typeof exchangeFileBody>;
export type ProjectImportResponse = FromSchema<(typeof projectImportResponse)[201]>;
export type CodebookImportResponse = FromSchema<typeof codebookImportResponse>;
