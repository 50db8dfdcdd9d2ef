/* eslint-disable @typescript-eslint/no-explicit-any -- a line's fields are JSON that validateExchangeFile has
   already checked against the line type's rules; the mappings read them by name as the format defines them. */
import type { DB } from '../../core/db/types.ts';
import { isTimestampWithOffset } from './exchangeSchema.ts';

/** Register ids of the file mapped to the database's row ids, filled in as lines are written. */
export interface IdMaps {
  persons: Map<string, string>;
  referrals: Map<string, string>;
}

/**
 * How each line type of the exchange format sits in the register: its table, the row it becomes,
 * the columns that identify it (an id of the register, or a natural key) and how the database
 * looks up rows that may already exist.
 */
export interface LineMapping {
  type: string;
  table: keyof DB;
  key: string[];
  /** The columns by which existing rows are fetched, and the file's values for them. */
  scopes: Array<{ column: string; value(fields: Record<string, any>, ids: IdMaps): string | undefined }>;
  /** Another rule of the database: a stored row with the same `columns` (where `when` holds) refuses the line with `code`. */
  unique?: { columns: string[]; when(row: Record<string, unknown>): boolean; code: string; idField: string };
  row(fields: Record<string, any>, ids: IdMaps): Record<string, unknown>;
}

const person = (field: string) => [{ column: 'person_id', value: (f: Record<string, any>, ids: IdMaps) => ids.persons.get(f[field]) }];
const registerId = { column: 'register_id', value: (f: Record<string, any>) => f.id as string };
const referral = { column: 'referral_id', value: (f: Record<string, any>, ids: IdMaps) => ids.referrals.get(f.referralId) };

/** In dependency order: persons before what refers to them. */
export const lineMappings: LineMapping[] = [
  {
    type: 'person',
    table: 'persons',
    key: ['register_id'],
    scopes: [registerId],
    row: (f) => ({ register_id: f.id, gender: f.gender, birth_date: f.birthDate, nationality: f.nationality }),
  },
  {
    type: 'referral',
    table: 'referrals',
    key: ['register_id'],
    scopes: [registerId],
    row: (f, ids) => ({
      register_id: f.id,
      person_id: ids.persons.get(f.personId),
      received_at: f.receivedAt,
      source: f.source,
      consent_at: f.consentAt,
    }),
  },
  {
    type: 'decision',
    table: 'decisions',
    key: ['register_id'],
    scopes: [registerId, referral],
    unique: { columns: ['referral_id'], when: () => true, code: 'referral_decided_in_register', idField: 'referralId' },
    row: (f, ids) => ({ register_id: f.id, referral_id: ids.referrals.get(f.referralId), decided_at: f.decidedAt, outcome: f.outcome }),
  },
  {
    type: 'withdrawal',
    table: 'withdrawals',
    key: ['referral_id'],
    scopes: [referral],
    row: (f, ids) => ({ referral_id: ids.referrals.get(f.referralId), at: f.at }),
  },
  {
    type: 'exploitation',
    table: 'exploitations',
    key: ['person_id', 'purpose', 'place'],
    scopes: person('personId'),
    unique: { columns: ['person_id'], when: (row) => row.main === true, code: 'main_exploitation_in_register', idField: 'personId' },
    row: (f, ids) => ({
      person_id: ids.persons.get(f.personId),
      purpose: f.purpose,
      place: f.place,
      main: f.main,
      minor_at_time: f.minorAtTime,
    }),
  },
  {
    type: 'residence',
    table: 'residence_statuses',
    key: ['person_id', 'at'],
    scopes: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), status: f.status, at: f.at }),
  },
  {
    type: 'child',
    table: 'children',
    key: ['register_id'],
    scopes: [registerId],
    row: (f, ids) => ({ register_id: f.id, guardian_id: ids.persons.get(f.guardianId), birth_date: f.birthDate, from_date: f.from }),
  },
  {
    type: 'termination',
    table: 'terminations',
    key: ['person_id', 'at'],
    scopes: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), at: f.at, reason: f.reason }),
  },
  {
    type: 'reflection_period',
    table: 'reflection_periods',
    key: ['person_id', 'start_date'],
    scopes: person('personId'),
    row: (f, ids) => ({ person_id: ids.persons.get(f.personId), granted_by: f.grantedBy, start_date: f.start, end_date: f.end }),
  },
  {
    type: 'identification',
    table: 'identifications',
    key: ['person_id', 'requested_at'],
    scopes: person('personId'),
    row: (f, ids) => ({
      person_id: ids.persons.get(f.personId),
      requested_at: f.requestedAt,
      started_at: f.startedAt ?? null,
      decided_at: f.decidedAt ?? null,
      outcome: f.outcome ?? null,
    }),
  },
];

/** One comparable form for a value from a file or from either database driver: instants as UTC ISO strings. */
export function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && isTimestampWithOffset(value)) return new Date(value).toISOString();
  return value ?? null;
}
