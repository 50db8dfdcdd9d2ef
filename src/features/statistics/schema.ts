import type { FromSchema } from 'json-schema-to-ts';
import {
  boolean,
  integer,
  nullable,
  objectBody,
  optionalString,
  responseList,
  responseObject,
  string,
  text,
  uuid,
} from '../../server/schemaParts.ts';
import { tableIds, type TableId } from './tables.ts';

/** Parameters arrive as text (no type coercion anywhere in the API), so a year is four digits. */
export const yearText = { type: 'string', pattern: '^[0-9]{4}$' } as const;
export const yearParams = { type: 'object', required: ['year'], properties: { year: yearText } } as const;

const cellsSchema = { type: 'object', additionalProperties: { type: ['integer', 'null'] } } as const;
const tableSchema = { type: 'object', properties: { cells: cellsSchema } } as const;
export const tablesSchema = {
  type: 'object',
  properties: Object.fromEntries(tableIds.map((id) => [id, tableSchema])) as Record<TableId, typeof tableSchema>,
} as const;

const releaseProperties = {
  id: string,
  year: integer,
  version: integer,
  publishedAt: { type: 'string', format: 'date-time' },
  supersedes: optionalString,
  /** A later release of the same year corrects this one. */
  superseded: boolean,
  /** Why the year was corrected: for staff only, never in the open data. */
  correctionReason: optionalString,
} as const;

/** The annual report in one form; the published form names the release it is. */
export const reportSchema = responseObject({
  year: integer,
  // The first year the register has data for (its first referral), for the years a person may choose.
  firstYear: { type: ['integer', 'null'] },
  published: boolean,
  release: responseObject(releaseProperties),
  tables: tablesSchema,
});

/** The releases of the published statistics, newest year and newest release first. */
export const releasesResponse = responseObject({ releases: responseList(releaseProperties) });
export type ReleasesResponse = FromSchema<typeof releasesResponse>;

export const releaseResponse = responseObject({ ...releaseProperties, tables: tablesSchema });
export type ReleaseResponse = FromSchema<typeof releaseResponse>;

/** What the director sees before publishing a year: the internal tables beside those that would be public. */
export const releasePreviewResponse = responseObject({
  year: integer,
  internal: tablesSchema,
  published: tablesSchema,
  current: nullable(releaseResponse),
  fingerprint: string,
});
export type ReleasePreviewResponse = FromSchema<typeof releasePreviewResponse>;

/** Publishing a year: the preview's fingerprint (what was seen is what is published) and, for a correction, why. */
export const publishBody = objectBody(['fingerprint'], { fingerprint: text(100, 1), reason: text(2000) });
export type PublishBody = FromSchema<typeof publishBody>;

export const releaseIdParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
