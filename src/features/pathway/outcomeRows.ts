import { translate, type Language } from '../../core/i18n/i18n.ts';
import type { OutcomeReport } from './schema.ts';

/** What a row of each table names, translated with the codes the pages use. */
const rowLabels: Record<string, string> = {
  goals: 'goalSources',
  mental_state: 'mentalStates',
  literacy: 'literacyLevels',
  services: 'serviceKinds',
  placements: 'placementKinds',
  fair_work_unmet: 'fairWork',
};

/** A row's label in the report: the code's own words, or the report's (totals, not assessed, levels). */
export function outcomeRowLabel(language: Language, table: string, row: string): string {
  const t = (key: string) => translate(language, `pathway.${key}`);
  if (table === 'language' && row !== 'not_assessed') return row;
  const own = rowLabels[table];
  return own && t(`${own}.${row}`) !== `pathway.${own}.${row}` ? t(`${own}.${row}`) : t(`outcomes.rows.${row}`);
}

/** A column's label: a goal's status, or the report's measure. */
export function outcomeColumnLabel(language: Language, table: string, column: string): string {
  const t = (key: string) => translate(language, `pathway.${key}`);
  return table === 'goals' && column !== 'total' ? t(`goalStatuses.${column}`) : t(`outcomes.columns.${column}`);
}

/**
 * The report as rows for CSV and XLSX, one per count: the table, the row, the column, the count's
 * stable code and the count (empty when hidden); then the time to work or studies in days.
 */
export function outcomeRows(report: OutcomeReport, language: Language): string[][] {
  const t = (key: string) => translate(language, `pathway.outcomes.${key}`);
  const value = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  const rows = [[t('file.table'), t('file.row'), t('file.column'), t('file.code'), `${report.year} (${t(`forms.${report.form}`)})`]];
  for (const table of report.tables ?? [])
    for (const row of table.rows ?? [])
      (table.columns ?? []).forEach((column, i) =>
        rows.push([
          t(`tables.${table.table}`),
          outcomeRowLabel(language, table.table ?? '', row.row ?? ''),
          outcomeColumnLabel(language, table.table ?? '', column),
          `${table.table}.${row.row}.${column}`,
          value(row.counts?.[i]),
        ]),
      );
  const timing = report.timeToWorkOrStudies;
  for (const measure of ['median', 'lowerQuartile', 'upperQuartile'] as const)
    rows.push([
      t('tables.time_to_work'),
      t(`timing.${measure}`),
      t('timing.days'),
      `time_to_work.${measure}.days`,
      value(timing?.[measure]),
    ]);
  return rows;
}
