import { inGroup, ITEM_GROUP } from '../../server/fieldGroupFilter.ts';
import { integer, optionalString, responseList as list, responseObject as object, string } from '../../server/schemaParts.ts';

/**
 * The response shape of a client's record. Every part names its field group, so the response filter
 * lets out only what the policy granted, and the permission test can check every field of every read.
 */
const boolean = { type: 'boolean' } as const;
const strings = { type: 'array', items: string } as const;

export const identitySchema = object({
  name: optionalString, birthDate: optionalString, birthDateEstimated: boolean, gender: string, nationality: string,
  languages: strings, interpreterNeeded: boolean,
});

export const contactSchema = object({ contact: optionalString, whereabouts: optionalString });

const timelineEvent = { ...object({ at: string, kind: string, detail: optionalString, by: optionalString, group: string }), [ITEM_GROUP]: 'group' };

export const clientRecordSchema = object({
  id: inGroup('record', string),
  officeId: inGroup('record', optionalString),
  relationship: inGroup('record', string),
  readable: inGroup('record', strings),
  writable: inGroup('record', strings),
  assignments: inGroup('record', list({ accountId: string, name: string, role: string, officeId: optionalString })),
  identity: inGroup('identity', identitySchema),
  contact: inGroup('contact', contactSchema),
  children: inGroup('identity', list({ id: string, birthDate: optionalString, from: string })),
  referrals: inGroup('case', list({ id: string, receivedAt: string, source: string, outcome: optionalString, decidedAt: optionalString, withdrawnAt: optionalString })),
  exploitations: inGroup('case', list({
    purpose: string, place: string, main: boolean, minorAtTime: { type: ['boolean', 'null'] }, sector: optionalString, meansOfControl: strings, recruitment: optionalString,
  })),
  identifications: inGroup('case', list({
    requestedAt: string, startedAt: optionalString, meetingDate: optionalString, decidedAt: optionalString, outcome: optionalString, waitedDays: integer,
    experts: list({ id: string, authority: string, memberName: optionalString, statedAt: optionalString, statement: optionalString }),
  })),
  terminations: inGroup('case', list({ at: string, reason: string, by: optionalString })),
  residence: inGroup('immigration', list({ status: string, at: string })),
  reflectionPeriods: inGroup('immigration', list({
    grantedBy: string, start: string, end: string, grantedEnd: string, interruptedOn: optionalString, active: boolean, daysLeft: integer, warning: { anyOf: [integer, string, { type: 'null' }] },
  })),
  services: inGroup('services', list({ id: string, service: string, requestedOn: string, arrangedOn: optionalString, endedOn: optionalString, provider: optionalString, by: optionalString })),
  notes: inGroup('notes', list({ id: string, at: string, sensitivity: string, by: optionalString, body: string })),
  tasks: inGroup('notes', list({ id: string, title: string, dueOn: string, assignee: optionalString, doneAt: optionalString, overdue: boolean })),
  documents: inGroup('documents', list({ id: string, fileName: string, mediaType: string, size: integer, at: string, by: optionalString })),
  timeline: inGroup('record', { type: 'array', items: timelineEvent }),
});

export const clientListSchema = { type: 'array', items: object({ id: inGroup('record', string), name: inGroup('identity', optionalString), officeId: inGroup('record', optionalString) }) };
