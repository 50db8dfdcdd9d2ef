import type { Migration } from './index.ts';

/** A staging table of one line type: the import and line number, then the line's fields. */
const staging = (type: string, fields: string) =>
  `create unlogged table register_import_${type} (import_id uuid not null, line int not null, ${fields})`;

/**
 * An import stages each line type in a table of its own, with a column for each field of the line
 * named as the exchange format names it (features/exchange/importRegister.ts), in place of one table
 * of JSON lines under an index. A file is copied in as the rows it is, with no JSON to parse and no
 * index to keep up; the checks and the move read columns rather than fields of a document.
 * The fields are the file's text, booleans apart: the move casts each to its column's type, once.
 * A reference to a person or a referral is the file's own id; the move joins it to the register's
 * row with that register id, so the row ids staged beside the lines are dropped. Emptied when an
 * import ends: unlogged, as before.
 */
export const registerImportLinesByType: Migration = {
  id: '0045_register_import_lines_by_type',
  statements: [
    `drop table register_import_lines`,
    `drop table register_import_ids`,
    staging('person', `"id" text not null, "gender" text not null, "birthDate" text not null, "nationality" text not null`),
    staging(
      'referral',
      `"id" text not null, "personId" text not null, "receivedAt" text not null, "source" text not null, "consentAt" text not null`,
    ),
    staging('decision', `"id" text not null, "referralId" text not null, "decidedAt" text not null, "outcome" text not null`),
    staging('withdrawal', `"referralId" text not null, "at" text not null`),
    staging(
      'exploitation',
      `"personId" text not null, "purpose" text not null, "place" text, "main" boolean not null, "minorAtTime" boolean not null`,
    ),
    staging('residence', `"personId" text not null, "status" text not null, "at" text not null`),
    staging('child', `"id" text not null, "guardianId" text not null, "birthDate" text not null, "from" text not null`),
    staging('termination', `"personId" text not null, "at" text not null, "reason" text not null`),
    staging('reflection_period', `"personId" text not null, "grantedBy" text not null, "start" text not null, "end" text not null`),
    staging('identification', `"personId" text not null, "requestedAt" text not null, "startedAt" text, "decidedAt" text, "outcome" text`),
  ],
};
