import type { FromSchema } from 'json-schema-to-ts';
import { reflectionGrantors } from '../../core/codes.ts';
import { boolean, date, inGroup, integer, objectBody, optionalString, responseList, string } from '../../server/schemaParts.ts';

export const reflectionGrantBody = objectBody(['grantedBy', 'start', 'end'], {
  grantedBy: { type: 'string', enum: [...reflectionGrantors] },
  start: date,
  end: date,
});
/** A period is either extended or interrupted, one at a time. */
export const reflectionChangeBody = {
  oneOf: [objectBody(['extendTo'], { extendTo: date }), objectBody(['interruptOn'], { interruptOn: date })],
} as const;

/** How near the end a period is: 30, 14 or 7 days, or ended. */
const warning = { anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] } as const;

export const reflectionEndingResponse = responseList({
  clientId: inGroup('record', string),
  name: inGroup('identity', optionalString),
  grantedBy: inGroup('immigration', string),
  start: inGroup('immigration', string),
  end: inGroup('immigration', string),
  daysLeft: inGroup('immigration', integer),
  warning: inGroup('immigration', warning),
});

export type ReflectionGrant = FromSchema<typeof reflectionGrantBody>;
export type ReflectionChange = FromSchema<typeof reflectionChangeBody>;
export type EndingReflectionPeriod = FromSchema<typeof reflectionEndingResponse>[number];

/* The parts of a client's record this feature fills (recordParts.ts), each under its key. */
export const warningSchema = { anyOf: [integer, string, { type: 'null' }] } as const;
export const reflectionSchema = responseList({
  grantedBy: string,
  start: string,
  end: string,
  grantedEnd: string,
  interruptedOn: optionalString,
  active: boolean,
  daysLeft: integer,
  warning: warningSchema,
});
export type ReflectionRecord = {
  reflectionPeriods?: FromSchema<typeof reflectionSchema>;
};
