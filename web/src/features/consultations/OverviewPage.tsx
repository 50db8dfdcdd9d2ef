import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import type { CompetenceOverview } from '#shared/api/consultations.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { SelectField } from '../../ui/form/fields.tsx';
import { BarChart } from '../../ui/charts.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';

type Overview = Shown<CompetenceOverview>;
type Section = 'byMonth' | 'byActorType' | 'byTopic';
const firstYear = 2020;

/** The competence centre's year for the annual report: counts by month, actor type and topic, as charts, tables and files. */
export function CompetenceOverviewPage() {
  const { t } = useTranslation('consultations');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const overview = useApiQuery<Overview>(`/consultations/overview?year=${year}`);
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, index) => thisYear - index);
  const download = (format: 'csv' | 'xlsx') => `/api/v1/consultations/overview/download?year=${year}&format=${format}`;
  return (
    <div className="statistics">
      <PageTitle>{t('overview.title')}</PageTitle>
      <p>
        <Link to="/consultations">{t('title')}</Link> · <Link to="/training">{t('training.title')}</Link>
      </p>
      <form className="statistics-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label={t('overview.year')}
          name="year"
          placeholder={false}
          value={String(year)}
          onChange={(event) => setYear(Number(event.target.value))}
          options={years.map((each) => ({ value: String(each), label: String(each) }))}
        />
        <div className="downloads">
          <a className="button secondary" href={download('csv')} download>
            {t('overview.downloadCsv')}
          </a>
          <a className="button secondary" href={download('xlsx')} download>
            {t('overview.downloadXlsx')}
          </a>
        </div>
      </form>
      <Loaded query={overview}>
        {(shown) => (
          <article aria-labelledby="overview-year">
            <h2 id="overview-year">{t('overview.yearTitle', { year: shown.year })}</h2>
            <ul className="overview-counts">
              <li>{t('overview.totalConsultations', { count: shown.totals.consultations })}</li>
              <li>{t('overview.totalWaiting', { count: shown.totals.waiting })}</li>
              <li>{t('overview.totalTrainings', { count: shown.totals.trainings })}</li>
              <li>{t('overview.totalParticipants', { count: shown.totals.participants })}</li>
            </ul>
            {(['byMonth', 'byActorType', 'byTopic'] as const).map((section) => (
              <CountsSection key={section} section={section} overview={shown} />
            ))}
          </article>
        )}
      </Loaded>
    </div>
  );
}

function CountsSection({ section, overview }: { section: Section; overview: Overview }) {
  const { t } = useTranslation('consultations');
  // A count the response left out is none.
  const rows = overview[section].map((row) => ({
    key: row.key ?? '',
    consultations: row.consultations ?? 0,
    trainings: row.trainings ?? 0,
    participants: row.participants ?? 0,
  }));
  const labelOf = (key: string) =>
    section === 'byMonth' ? t(`months.${key}`) : section === 'byActorType' ? t(`recognition:actorTypes.${key}`) : t(`topics.${key}`);
  const labels = rows.map((row) => labelOf(row.key));
  const title = t(`overview.${section}`);
  const columns = ['consultations', 'trainings', 'participants'] as const;
  return (
    <section id={`section-${section}`} aria-labelledby={`title-${section}`} className="statistics-table">
      <h3 id={`title-${section}`}>{title}</h3>
      <div className="chart-and-table">
        <div>
          <BarChart
            title={t('overview.chartOf', { title })}
            labels={labels}
            series={columns.slice(0, 2).map((column) => ({ name: t(`overview.${column}`), values: rows.map((row) => row[column]) }))}
          />
          <p className="legend" aria-hidden="true">
            {columns.slice(0, 2).map((column, i) => (
              <span key={column}>
                <span className={`swatch bar-${i}`} /> {t(`overview.${column}`)}
              </span>
            ))}
          </p>
        </div>
        <ScrollingTable caption={title} captionHidden landmark={false}>
          <thead>
            <tr>
              <th scope="col">{t(`overview.${section}Column`)}</th>
              {columns.map((column) => (
                <th key={column} scope="col" className="number">
                  {t(`overview.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key}>
                <th scope="row">{labels[index]}</th>
                {columns.map((column) => (
                  <td key={column} className="number">
                    {row[column]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </div>
    </section>
  );
}
