import type { DB } from '../../core/db/types.ts';

/**
 * The staging table of one line type during an import: the import, the line number and the line's
 * fields, named and typed as the exchange format has them (migration 0045).
 */
export const stagingTableOf = (type: string) => `register_import_${type}`;

/**
 * Where a column's value comes from: a field of the line, or the row id of the person or referral
 * whose register id a field holds (a row of the same file, or one the register already has).
 */
export type ColumnSource = string | { person: string } | { referral: string };

/**
 * How each line type of the exchange format sits in the register: its table, the columns of the
 * row it becomes (in the order a contradiction is looked for), and the columns that identify it
 * (an id of the register, or a natural key). Lines whose key has a `register_id` get a row id of
 * their own; the first key column is never empty.
 */
export interface LineMapping {
  type: string;
  table: keyof DB;
  key: string[];
  columns: Array<[column: string, source: ColumnSource]>;
  /** Another rule of the database: a stored row with the same `column` (where `when` holds for both) refuses the line with `code`. */
  unique?: { column: string; when?: string; code: string; idField: string };
}

/** In dependency order: persons before what refers to them. */
export const lineMappings: LineMapping[] = [
  {
    type: 'person',
    table: 'persons',
    key: ['register_id'],
    columns: [
      ['register_id', 'id'],
      ['gender', 'gender'],
      ['birth_date', 'birthDate'],
      ['nationality', 'nationality'],
    ],
  },
  {
    type: 'referral',
    table: 'referrals',
    key: ['register_id'],
    columns: [
      ['register_id', 'id'],
      ['person_id', { person: 'personId' }],
      ['received_at', 'receivedAt'],
      ['source', 'source'],
      ['consent_at', 'consentAt'],
    ],
  },
  {
    type: 'decision',
    table: 'decisions',
    key: ['register_id'],
    unique: { column: 'referral_id', code: 'referral_decided_in_register', idField: 'referralId' },
    columns: [
      ['register_id', 'id'],
      ['referral_id', { referral: 'referralId' }],
      ['decided_at', 'decidedAt'],
      ['outcome', 'outcome'],
    ],
  },
  {
    type: 'withdrawal',
    table: 'withdrawals',
    key: ['referral_id'],
    columns: [
      ['referral_id', { referral: 'referralId' }],
      ['at', 'at'],
    ],
  },
  {
    type: 'exploitation',
    table: 'exploitations',
    key: ['person_id', 'purpose', 'place'],
    unique: { column: 'person_id', when: 'main', code: 'main_exploitation_in_register', idField: 'personId' },
    columns: [
      ['person_id', { person: 'personId' }],
      ['purpose', 'purpose'],
      ['place', 'place'],
      ['main', 'main'],
      ['minor_at_time', 'minorAtTime'],
    ],
  },
  {
    type: 'residence',
    table: 'residence_statuses',
    key: ['person_id', 'at'],
    columns: [
      ['person_id', { person: 'personId' }],
      ['status', 'status'],
      ['at', 'at'],
    ],
  },
  {
    type: 'child',
    table: 'children',
    key: ['register_id'],
    columns: [
      ['register_id', 'id'],
      ['guardian_id', { person: 'guardianId' }],
      ['birth_date', 'birthDate'],
      ['from_date', 'from'],
    ],
  },
  {
    type: 'termination',
    table: 'terminations',
    key: ['person_id', 'at'],
    columns: [
      ['person_id', { person: 'personId' }],
      ['at', 'at'],
      ['reason', 'reason'],
    ],
  },
  {
    type: 'reflection_period',
    table: 'reflection_periods',
    key: ['person_id', 'start_date'],
    columns: [
      ['person_id', { person: 'personId' }],
      ['granted_by', 'grantedBy'],
      ['start_date', 'start'],
      ['end_date', 'end'],
    ],
  },
  {
    type: 'identification',
    table: 'identifications',
    key: ['person_id', 'requested_at'],
    columns: [
      ['person_id', { person: 'personId' }],
      ['requested_at', 'requestedAt'],
      ['started_at', 'startedAt'],
      ['decided_at', 'decidedAt'],
      ['outcome', 'outcome'],
    ],
  },
];
