import {
  decisionOutcomes,
  exploitationPlaces,
  exploitationPurposes,
  genders,
  identificationOutcomes,
  referralSources,
  reflectionGrantors,
  residenceStatuses,
  terminationReasons,
} from '../../core/codes.ts';

/** How a field of an exchange line is checked. */
export type FieldRule =
  | { kind: 'id' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'boolean' }
  | { kind: 'code'; codes: readonly string[] }
  | { kind: 'nationality' };

interface LineRule {
  fields: Record<string, FieldRule>;
  optional?: string[];
  nullable?: string[];
}

const id = { kind: 'id' } as const;
const date = { kind: 'date' } as const;
const timestamp = { kind: 'timestamp' } as const;
const code = (codes: readonly string[]) => ({ kind: 'code', codes }) as const;

/** The line types of exchange format version 1 (`../shared/exchange-format.md`). */
export const lineRules: Record<string, LineRule> = {
  person: { fields: { id, gender: code(genders), birthDate: date, nationality: { kind: 'nationality' } } },
  referral: { fields: { id, personId: id, receivedAt: timestamp, source: code(referralSources), consentAt: timestamp } },
  decision: { fields: { id, referralId: id, decidedAt: timestamp, outcome: code(decisionOutcomes) } },
  withdrawal: { fields: { referralId: id, at: timestamp } },
  exploitation: {
    fields: {
      personId: id,
      purpose: code(exploitationPurposes),
      place: code(exploitationPlaces),
      main: { kind: 'boolean' },
      minorAtTime: { kind: 'boolean' },
    },
    nullable: ['place'],
  },
  residence: { fields: { personId: id, status: code(residenceStatuses), at: date } },
  child: { fields: { id, guardianId: id, birthDate: date, from: date } },
  termination: { fields: { personId: id, at: timestamp, reason: code(terminationReasons) } },
  reflection_period: { fields: { personId: id, grantedBy: code(reflectionGrantors), start: date, end: date } },
  identification: {
    fields: { personId: id, requestedAt: timestamp, startedAt: timestamp, decidedAt: timestamp, outcome: code(identificationOutcomes) },
    optional: ['startedAt', 'decidedAt', 'outcome'],
  },
};

/** Each line type's field names with their rules, in the order the format lists them. */
export const lineFields = new Map(Object.entries(lineRules).map(([type, rule]) => [type, Object.entries(rule.fields)]));

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  // Read without building arrays: a register file has millions of dates.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

export function isTimestampWithOffset(value: string): boolean {
  return TIMESTAMP.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

/** The locale key of what is wrong with one value, or null when it is right. */
export function valueProblem(rule: FieldRule, value: unknown): string | null {
  switch (rule.kind) {
    case 'id':
      return typeof value === 'string' && value.length > 0 && value.length <= 200 ? null : 'bad_id';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'bad_date';
    case 'timestamp':
      return typeof value === 'string' && isTimestampWithOffset(value) ? null : 'bad_timestamp';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'bad_boolean';
    case 'code':
      return typeof value === 'string' && rule.codes.includes(value) ? null : 'bad_code';
    case 'nationality':
      return typeof value === 'string' && (/^[A-Z]{2}$/.test(value) || value === 'stateless' || value === 'unknown')
        ? null
        : 'bad_nationality';
  }
}
