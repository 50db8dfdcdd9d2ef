import type { FromSchema } from 'json-schema-to-ts';
import { expertAuthorities, identificationOutcomes } from '../../core/codes.ts';
import { date, inGroup, integer, name, objectBody, optionalString, responseList, string } from '../../server/schemaParts.ts';

export const expertBody = objectBody(['authority', 'memberName'], {
  authority: { type: 'string', enum: [...expertAuthorities] },
  memberName: name(200, 1),
});
export const statementBody = objectBody(['statement'], { statement: { type: 'string', minLength: 1, maxLength: 20000 } });
export const meetingBody = objectBody(['meetingDate'], { meetingDate: date });
export const identificationDecisionBody = objectBody(['outcome', 'clientTold'], {
  outcome: { type: 'string', enum: [...identificationOutcomes] },
  clientTold: { type: 'boolean' },
});

export const identificationQueueResponse = responseList({
  clientId: inGroup('record', string),
  officeId: inGroup('record', optionalString),
  name: inGroup('identity', optionalString),
  requestedAt: inGroup('case', string),
  waitedDays: inGroup('case', integer),
  started: inGroup('case', { type: 'boolean' }),
  meetingDate: inGroup('case', optionalString),
  statements: inGroup('case', integer),
});

export type ExpertInput = FromSchema<typeof expertBody>;
export type StatementInput = FromSchema<typeof statementBody>;
export type MeetingInput = FromSchema<typeof meetingBody>;
export type IdentificationDecision = FromSchema<typeof identificationDecisionBody>;
export type IdentificationQueueEntry = FromSchema<typeof identificationQueueResponse>[number];

/* The parts of a client's record this feature fills (recordParts.ts), each under its key. */
export const identificationSchema = responseList({
  requestedAt: string,
  startedAt: optionalString,
  meetingDate: optionalString,
  decidedAt: optionalString,
  outcome: optionalString,
  waitedDays: integer,
  experts: responseList({
    id: string,
    authority: string,
    memberName: optionalString,
    statedAt: optionalString,
    statement: optionalString,
  }),
});
export type IdentificationRecord = {
  identifications?: FromSchema<typeof identificationSchema>;
};
