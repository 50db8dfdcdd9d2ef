import type { FromSchema } from 'json-schema-to-ts';
import type { RecordPart } from '../../core/record/recordPart.ts';
import { inGroup, ITEM_GROUP } from '../../server/schemaParts.ts';
import { boolean, optionalString, responseList as list, responseObject as object, string, strings } from '../../server/schemaParts.ts';

/**
 * The response shape of a client's record: its own facts, then every registered part under its
 * field group, so the response filter lets out only what the policy granted and the permission test
 * can check every field of every read.
 */
export const identitySchema = object({
  name: optionalString,
  birthDate: optionalString,
  birthDateEstimated: boolean,
  gender: string,
  nationality: string,
  languages: strings,
  interpreterNeeded: boolean,
});

export const contactSchema = object({ contact: optionalString, whereabouts: optionalString });

const timelineEvent = {
  ...object({ at: string, dateOnly: boolean, kind: string, detail: optionalString, by: optionalString, group: string }),
  [ITEM_GROUP]: 'group',
};

/** The record's own facts, before the parts. */
const recordFacts = {
  id: inGroup('record', string),
  officeId: inGroup('record', optionalString),
  relationship: inGroup('record', string),
  /** Where the case stands: a referral not (yet) admitted, a client, or assistance ended. */
  status: inGroup('record', { type: 'string', enum: ['referral', 'client', 'ended'] } as const),
  readable: inGroup('record', strings),
  writable: inGroup('record', strings),
  assignments: inGroup('record', list({ accountId: string, name: string, role: string, officeId: optionalString })),
  identity: inGroup('identity', identitySchema),
  contact: inGroup('contact', contactSchema),
};
const timeline = inGroup('record', { type: 'array', items: timelineEvent } as const);

/** The cursors of the next pages of the parts read a page at a time, and of the timeline; null when none is left. */
const moreSchema = (paged: readonly RecordPart[]) =>
  inGroup(
    'record',
    object({
      ...Object.fromEntries(paged.map((part) => [part.key, inGroup(part.group, optionalString)])),
      timeline: inGroup('record', optionalString),
    }),
  );

export function clientRecordSchema(parts: readonly RecordPart[]) {
  return object({
    ...recordFacts,
    ...Object.fromEntries(parts.map((part) => [part.key, inGroup(part.group, part.schema)])),
    timeline,
    more: moreSchema(parts.filter((part) => part.paged)),
  });
}

/** A next page of a part read a page at a time, or of the timeline, under its key, with the cursor of the page after. */
export function recordPageSchema(parts: readonly RecordPart[]) {
  const paged = parts.filter((part) => part.paged);
  return object({
    ...Object.fromEntries(paged.map((part) => [part.key, inGroup(part.group, part.schema)])),
    timeline,
    more: moreSchema(paged),
  });
}

/** What the web app pages through: the paged parts' keys and the timeline. */
export const pagedKeys = (parts: readonly RecordPart[]) => [...parts.filter((part) => part.paged).map((part) => part.key), 'timeline'];

/** A client's record without its parts (each feature's `recordParts.ts` derives the type of its own). */
export type ClientRecordFacts = FromSchema<ReturnType<typeof object<typeof recordFacts & { timeline: typeof timeline }>>> & {
  /** The cursors of the next pages, by the paged part's key or `timeline`. */
  more?: Record<string, string | null>;
};

export const clientListSchema = {
  type: 'array',
  items: object({ id: inGroup('record', string), name: inGroup('identity', optionalString), officeId: inGroup('record', optionalString) }),
} as const;
export type ClientSummary = FromSchema<typeof clientListSchema.items>;
