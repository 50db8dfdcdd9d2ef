import type { Migration } from './index.ts';

/**
 * An import's staging (features/exchange/importRegister.ts): the file's right lines as they are read,
 * then the rows they become, each import under its own id. They are filled in short statements while
 * others keep working, and moved into the register in one short transaction at the end; they are
 * emptied when the import ends, so they are unlogged: nothing in them outlives a crash.
 */
export const registerImportStaging: Migration = {
  id: '0034_register_import_staging',
  statements: [
    `create unlogged table register_import_lines (
      import_id uuid not null,
      line int not null,
      type text not null,
      fields json not null,
      primary key (import_id, type, line)
    )`,
    `create unlogged table register_import_rows (
      import_id uuid not null,
      table_name text not null,
      seq int not null,
      row json not null,
      primary key (import_id, table_name, seq)
    )`,
  ],
};
