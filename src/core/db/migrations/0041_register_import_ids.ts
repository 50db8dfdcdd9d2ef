import type { Migration } from './index.ts';

/**
 * An import checks and moves the staged lines with SQL alone (features/exchange/importRegister.ts):
 * each register id of the file gets its row id here (the stored row's, or a new one), so the lines
 * that refer to it are joined to it. The rows the lines become are no longer staged one by one;
 * the lines' fields are kept parsed (jsonb), as SQL reads them field by field.
 */
export const registerImportIds: Migration = {
  id: '0041_register_import_ids',
  statements: [
    `create unlogged table register_import_ids (
      import_id uuid not null,
      type text not null,
      register_id text not null,
      id uuid not null,
      primary key (import_id, type, register_id)
    )`,
    `drop table register_import_rows`,
    // Read field by field many times over; json would be parsed again at each read.
    `alter table register_import_lines alter column fields type jsonb`,
  ],
};
