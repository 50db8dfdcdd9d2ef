import type { FromSchema } from 'json-schema-to-ts';
import { boolean, codeOf, integer, optionalString, string, uuid } from '../../server/schemaParts.ts';
import { shape, shapes } from './shapes.ts';
import { organisationTypes } from './participantKinds.ts';

export const cellQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['themeId', 'organisationType'],
  properties: { themeId: uuid, organisationType: codeOf(organisationTypes) },
} as const;

export const csvQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { separator: { type: 'string', enum: ['comma', 'semicolon'] } },
} as const;

export const matrixResponse = shape({
  studyTitle: string,
  organisationTypes: { type: 'array', items: string },
  themes: shapes({ id: string, name: string, color: string, researchQuestion: optionalString }),
  cells: shapes({ themeId: string, organisationType: string, segments: integer, participants: integer }),
});

const quotation = {
  segmentId: string,
  transcriptId: string,
  participantCode: optionalString,
  organisationType: optionalString,
  codes: { type: 'array', items: string },
  text: string,
  quotation: boolean,
} as const;

export const cellResponse = shape({ theme: string, organisationType: string, segments: shapes(quotation) });

export const reportResponse = shape({
  studyTitle: string,
  researchQuestions: shapes({
    label: string,
    text: string,
    themes: shapes({
      id: string,
      name: string,
      description: optionalString,
      segments: integer,
      participants: integer,
      quotations: shapes({ participantCode: optionalString, organisationType: optionalString, text: string }),
      withheld: integer,
    }),
  }),
});

export type MatrixResponse = FromSchema<typeof matrixResponse>;
export type CellResponse = FromSchema<typeof cellResponse>;
export type ReportResponse = FromSchema<typeof reportResponse>;
