import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { SelectField } from '../../ui/form/fields.tsx';
import { Loaded } from '../../ui/Loaded.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { lastReportYear } from '#shared/statisticsTables.ts';
import type { OutcomeReport } from '#shared/api/pathway.ts';

type Form = 'internal' | 'published';
type TableShape = NonNullable<OutcomeReport['tables']>[number];
type Table = Omit<Shown<TableShape>, 'rows'> & { rows: Array<Shown<NonNullable<TableShape['rows']>[number]>> };
type Report = Omit<Shown<OutcomeReport>, 'tables' | 'timeToWorkOrStudies'> & {
  tables: Table[];
  timeToWorkOrStudies: Shown<NonNullable<OutcomeReport['timeToWorkOrStudies']>>;
};
const firstYear = 2006;
const thisYear = lastReportYear();
const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => String(thisYear - i));

/** Row labels come from the codes' own words where a table counts codes; the rest are the report's. */
const rowWords: Record<string, string> = {
  goals: 'goalSources',
  mental_state: 'mentalStates',
  literacy: 'literacyLevels',
  services: 'serviceKinds',
  placements: 'placementKinds',
  fair_work_unmet: 'fairWork',
};

/**
 * The outcome report of the path to work for a year: each table captioned, in the internal form or
 * in the published form with small and derivable counts hidden, and downloadable as CSV or XLSX.
 */
export function OutcomesPage() {
  const { t, i18n } = useTranslation('pathway');
  const can = useCan();
  const [year, setYear] = useState(String(thisYear));
  const [form, setForm] = useState<Form>('published');
  const report = useApiQuery<Report>(`/pathway/outcomes/${year}?form=${form}`);
  const file = (format: string) => `/api/v1/pathway/outcomes/${year}/file?format=${format}&form=${form}`;
  const rowLabel = (table: string, row: string) => {
    if (table === 'language' && row !== 'not_assessed') return row;
    const own = rowWords[table];
    return own && i18n.exists(`pathway:${own}.${row}`) ? t(`${own}.${row}`) : t(`outcomes.rows.${row}`);
  };
  const columnLabel = (table: string, column: string) =>
    table === 'goals' && column !== 'total' ? t(`goalStatuses.${column}`) : t(`outcomes.columns.${column}`);
  const count = (n: number | null) =>
    n === null ? <abbr title={t('outcomes.hiddenLabel')}>{t('outcomes.hidden')}</abbr> : n.toLocaleString(i18n.language);
  const days = (n: number | null) => (n === null ? '–' : t('outcomes.timing.daysValue', { days: n.toLocaleString(i18n.language) }));
  return (
    <>
      <PageTitle>{t('outcomes.title')}</PageTitle>
      <p>{t('outcomes.intro')}</p>
      <form className="statistics-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label={t('outcomes.year')}
          name="year"
          placeholder={false}
          value={year}
          onChange={(event) => setYear(event.target.value)}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        {can('pathway.outcomes') && (
          <fieldset className="field">
            <legend>{t('outcomes.form')}</legend>
            {(['published', 'internal'] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="form" value={value} checked={form === value} onChange={() => setForm(value)} />{' '}
                {t(`outcomes.forms.${value}`)}
              </label>
            ))}
          </fieldset>
        )}
        <div className="statistics-actions">
          <a className="button secondary" href={file('csv-semicolon')} download>
            {t('outcomes.csvSemicolon')}
          </a>
          <a className="button secondary" href={file('csv')} download>
            {t('outcomes.csv')}
          </a>
          <a className="button secondary" href={file('xlsx')} download>
            {t('outcomes.xlsx')}
          </a>
        </div>
      </form>
      {form === 'published' && <p className="notice">{t('outcomes.publishedNote')}</p>}
      <Loaded query={report}>
        {(shown) => (
          <>
            <h2>
              {shown.year} – {t(`outcomes.forms.${shown.form}`)}
            </h2>
            {shown.tables.map((table) => (
              <OutcomeTable key={table.table} table={table} rowLabel={rowLabel} columnLabel={columnLabel} count={count} />
            ))}
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="outcome-time_to_work">
              <table>
                <caption id="outcome-time_to_work">{t('outcomes.timing.caption')}</caption>
                <tbody>
                  <tr>
                    <th scope="row">{t('outcomes.timing.persons')}</th>
                    <td className="number">{count(shown.timeToWorkOrStudies.persons)}</td>
                  </tr>
                  {(['lowerQuartile', 'median', 'upperQuartile'] as const).map((measure) => (
                    <tr key={measure}>
                      <th scope="row">{t(`outcomes.timing.${measure}`)}</th>
                      <td className="number">{days(shown.timeToWorkOrStudies[measure])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {shown.form === 'published' && shown.timeToWorkOrStudies.persons !== 0 && shown.timeToWorkOrStudies.median === null && (
              <p>{t('outcomes.timing.tooFew')}</p>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function OutcomeTable({
  table,
  rowLabel,
  columnLabel,
  count,
}: {
  table: Table;
  rowLabel: (table: string, row: string) => string;
  columnLabel: (table: string, column: string) => string;
  count: (n: number | null) => ReactNode;
}) {
  const { t } = useTranslation('pathway');
  const id = `outcome-${table.table}`;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
      <table>
        <caption id={id}>{t(`outcomes.tables.${table.table}`)}</caption>
        <thead>
          <tr>
            <td />
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {columnLabel(table.table, column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.row}>
              <th scope="row">{rowLabel(table.table, row.row)}</th>
              {row.counts.map((n, i) => (
                <td key={table.columns[i]} className="number">
                  {count(n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
