import type { Migration } from './index.ts';

/** The line types of exchange format version 1, when this migration was written. */
const lineTypes = [
  'person',
  'referral',
  'decision',
  'withdrawal',
  'exploitation',
  'residence',
  'child',
  'termination',
  'reflection_period',
  'identification',
];

/**
 * An import's staged lines are kept apart by line type, one partition each, in place of an index
 * over (import, type, line): every check and move reads the lines of one type, now without an index
 * to keep up while a file is copied in. A type added later lands in the default partition.
 */
export const registerImportLinesByType: Migration = {
  id: '0045_register_import_lines_by_type',
  statements: [
    `drop table register_import_lines`,
    `create table register_import_lines (
      import_id uuid not null,
      line int not null,
      type text not null,
      fields jsonb not null
    ) partition by list (type)`,
    // Emptied when an import ends and never needed after a crash: unlogged, as before.
    ...lineTypes.map(
      (type) => `create unlogged table register_import_lines_${type} partition of register_import_lines for values in ('${type}')`,
    ),
    `create unlogged table register_import_lines_other partition of register_import_lines default`,
  ],
};
