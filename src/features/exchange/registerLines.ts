import type { DB } from '../../core/db/types.ts';
import { isTimestampWithOffset } from './exchangeSchema.ts';

/** Register ids of the file mapped to the database's row ids, filled in as lines are written. */
export interface IdMaps { persons: Map<string, string>; referrals: Map<string, string> }

/**
 * How each line type of the exchange format sits in the register: its table, the row it becomes,
 * the columns that identify it (an id of the register, or a natural key) and how the database
 * looks up rows that may already exist.
 */
export interface LineMapping {
  type: string;
  table: keyof DB;
  key: string[];
  /** The column by which existing rows are fetched, and the file's value for it. */
  scope: { column: string; value(fields: Record<string, any>, ids: IdMaps): string | undefined };
  row(fields: Record<string, any>, ids: IdMaps): Record<string, unknown>;
}

const person = (field: string) => ({ column: 'person_id', value: (f: Record<string, any>, ids: IdMaps) => ids.persons.get(f[field]) });
const registerId = { column: 'register_id', value: (f: Record<string, any>) => f.id as string };

/** In dependency order: persons before what refers to them. */
export const lineMappings: LineMapping[] = [
  {
    type: 'person', table: 'persons', key: ['register_id'], scope: registerId,
    row: (f) => ({ register_id: f.id, gender: f.gender, birth_date: f.birthDate, nationality: f.nationality }),
  },
  {
    type: 'referral', table: 'referrals', key: ['register_id'], scope: registerId,
    row: (f, ids) => ({ register_id: f.id, person_id: ids.persons.get(f.personId), received_at: f.receivedAt, source: f.source, consent_at: f.consentAt }),
  },
  {
    type: 'decision', table: 'decisions', key: ['register_id'], scope: registerId,
    row: (f, ids) => ({ register_id: f.id, referral_id: ids.referrals.get(f.referralId), decided_at: f.decidedAt, outcome: f.outcome }),
  },
  {
    type: 'withdrawal', table: 'withdrawals', key: ['referral_id'], scope: { column: 'referral_id', value: (f, ids) => ids.referrals.get(f.referralId) },
    row: (f, ids) => ({ referral_id: ids.referrals.get(f.referralId), at: f.at }),
  },
  {
    type: 'exploitation', table: 'exploitations', key: ['person_id', 'purpose', 'place'], scope: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), purpose: f.purpose, place: f.place, main: f.main, minor_at_time: f.minorAtTime }),
  },
  {
    type: 'residence', table: 'residence_statuses', key: ['person_id', 'at'], scope: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), status: f.status, at: f.at }),
  },
  {
    type: 'child', table: 'children', key: ['register_id'], scope: registerId,
    row: (f, ids) => ({ register_id: f.id, guardian_id: ids.persons.get(f.guardianId), birth_date: f.birthDate, from_date: f.from }),
  },
  {
    type: 'termination', table: 'terminations', key: ['person_id', 'at'], scope: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), at: f.at, reason: f.reason }),
  },
  {
    type: 'reflection_period', table: 'reflection_periods', key: ['person_id', 'start_date'], scope: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), granted_by: f.grantedBy, start_date: f.start, end_date: f.end }),
  },
  {
    type: 'identification', table: 'identifications', key: ['person_id', 'requested_at'], scope: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), requested_at: f.requestedAt, started_at: f.startedAt ?? null, decided_at: f.decidedAt ?? null, outcome: f.outcome ?? null }),
  },
];

/** One comparable form for a value from a file or from either database driver: instants as UTC ISO strings. */
export function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && isTimestampWithOffset(value)) return new Date(value).toISOString();
  return value ?? null;
}
