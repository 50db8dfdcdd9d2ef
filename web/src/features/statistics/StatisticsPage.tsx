import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import i18n from '../../lib/i18n.ts';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useCan } from '../../lib/session.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate } from '../../ui/ui.tsx';
import type { ReleasesResponse } from '#shared/api/statistics.ts';
import { SelectField } from '../../ui/form/fields.tsx';
import { cellLabel, lastReportYear, tableIds, timeSeriesTables, type TableId } from '#shared/statisticsTables.ts';
import { BarChart, LineChart } from '../../ui/charts.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';

interface Report {
  year: number;
  firstYear?: number | null;
  published: boolean;
  tables: Record<TableId, { cells: Record<string, number | null> }>;
}
type Form = 'internal' | 'published';
type ReportLanguages = 'fi+sv' | 'fi' | 'sv' | 'en';

const thisYear = lastReportYear();
/** The years with data, newest first: from the register's first referral to this year. */
const yearsFrom = (first: number) => Array.from({ length: Math.max(thisYear - first, 0) + 1 }, (_, i) => String(thisYear - i));

/** The words of the report in one language, whatever language the rest of the page is in. */
function reportText(language: string) {
  const t = i18n.getFixedT(language, 'statistics');
  return { language, t: (key: string, params?: Record<string, unknown>) => t(key.replace(/^statistics\./, ''), params) };
}

/**
 * The annual statistics as the printed report has them: each table as a chart with the table
 * beside it, Finnish and Swedish side by side (or one language), one year or two compared.
 * Printable from the browser; downloadable as CSV and XLSX.
 */
export function StatisticsPage() {
  const { t } = useTranslation('statistics');
  const can = useCan();
  const maySeeInternal = can('statistics.internal');
  const [chosenYear, setYear] = useState(String(thisYear - 1));
  const [chosenCompare, setCompare] = useState('');
  const [chosenRelease, setRelease] = useState('');
  const [form, setForm] = useState<Form>('published');
  const [mode, setMode] = useState<ReportLanguages>(i18n.language === 'en' ? 'en' : 'fi+sv');
  // The published form is the releases: only years published can be chosen, each release of a year with its date.
  const releaseList = useApiQuery<ReleasesResponse>('/statistics/releases');
  const releases = (releaseList.data?.releases ?? []) as Release[];
  const releasedYears = [...new Set(releases.map((release) => String(release.year)))];
  const published = form === 'published';
  const year = published && !releasedYears.includes(chosenYear) ? (releasedYears[0] ?? chosenYear) : chosenYear;
  const compare = published && !releasedYears.includes(chosenCompare) ? '' : chosenCompare;
  const ofYear = releases.filter((release) => String(release.year) === year);
  const release = published ? (ofYear.find((each) => each.id === chosenRelease) ?? ofYear[0]) : undefined;
  const wanted = compare && compare !== year ? [compare, year].sort() : [year];
  const ready = !published || (releaseList.isSuccess && release !== undefined);
  const reports = useQuery<Report[], ApiError>({
    queryKey: ['/statistics/annual', wanted, form, release?.id],
    enabled: ready,
    queryFn: () =>
      Promise.all(
        wanted.map((y) =>
          // An earlier release of the year, superseded by a correction, is read by its id.
          y === year && release && release.superseded
            ? api<Report>('GET', `/statistics/releases/${release.id}`).then((r) => ({ ...r, published: true }))
            : api<Report>('GET', `/statistics/annual/${y}?form=${form}`),
        ),
      ),
  });

  // Until the register says where its data starts, the years shown are the ones asked and this year.
  const [firstYear, setFirstYear] = useState<number | null>(null);
  const loadedFirst = reports.data?.[0]?.firstYear;
  if (loadedFirst !== undefined && loadedFirst !== null && loadedFirst !== firstYear) setFirstYear(loadedFirst);
  const years = published ? releasedYears : firstYear ? yearsFrom(Math.min(firstYear, Number(year))) : yearsFrom(Number(year));
  const languages = useMemo(() => (mode === 'fi+sv' ? ['fi', 'sv'] : [mode]).map(reportText), [mode]);
  const downloadLanguage = mode === 'fi+sv' ? (i18n.language === 'sv' ? 'sv' : 'fi') : mode;
  const download = (format: 'csv' | 'csv-semicolon' | 'xlsx') =>
    `/api/v1/statistics/annual/${year}/download?format=${format}&form=${form}&language=${downloadLanguage}${compare && compare !== year ? `&compare=${compare}` : ''}${release?.superseded ? `&release=${release.id}` : ''}`;

  return (
    <div className="statistics">
      <PageTitle>{t('title')}</PageTitle>
      {can('statistics.publish') && (
        <p>
          <Link to="/statistics/publish">{t('publishLink')}</Link>
        </p>
      )}
      <form className="statistics-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label={t('year')}
          name="year"
          placeholder={false}
          value={year}
          onChange={(event) => {
            setYear(event.target.value);
            setRelease('');
          }}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        {published && ofYear.length > 1 && (
          <SelectField
            label={t('release')}
            name="release"
            placeholder={false}
            value={release?.id ?? ''}
            onChange={(event) => setRelease(event.target.value)}
            options={ofYear.map((each) => ({ value: each.id, label: releaseName(t, each) }))}
          />
        )}
        <SelectField
          label={t('compareWith')}
          name="compare"
          placeholder={t('noComparison')}
          value={compare}
          onChange={(event) => setCompare(event.target.value)}
          options={years.filter((y) => y !== year).map((y) => ({ value: y, label: y }))}
        />
        {maySeeInternal && (
          <fieldset className="field">
            <legend>{t('form')}</legend>
            {(['published', 'internal'] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="form" value={value} checked={form === value} onChange={() => setForm(value)} /> {t(value)}
              </label>
            ))}
          </fieldset>
        )}
        <SelectField
          label={t('languages')}
          name="languages"
          placeholder={false}
          value={mode}
          onChange={(event) => setMode(event.target.value as ReportLanguages)}
          options={[
            { value: 'fi+sv', label: t('languagesFiSv') },
            { value: 'fi', label: 'Suomi' },
            { value: 'sv', label: 'Svenska' },
            { value: 'en', label: 'English' },
          ]}
        />
        <div className="statistics-actions">
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
          <a className="button secondary" href={download('csv-semicolon')} download>
            {t('downloadCsvSemicolon')}
          </a>
          <a className="button secondary" href={download('csv')} download>
            {t('downloadCsv')}
          </a>
          <a className="button secondary" href={download('xlsx')} download>
            {t('downloadXlsx')}
          </a>
        </div>
      </form>

      <p className={form === 'internal' ? 'notice warning' : 'notice'}>{form === 'internal' ? t('internalWarning') : t('publishedNote')}</p>
      {published && releaseList.isSuccess && releases.length === 0 ? (
        <p>{t('nothingPublished')}</p>
      ) : (
        <>
          {release && <ReleaseNote release={release} all={ofYear} />}
          {ready ? (
            <Loaded query={reports} loading={t('loading')}>
              {(loaded) => <ReportView reports={loaded} languages={languages} />}
            </Loaded>
          ) : (
            <Loaded query={releaseList} loading={t('loading')}>
              {() => null}
            </Loaded>
          )}
        </>
      )}
    </div>
  );
}

type Release = Shown<NonNullable<ReleasesResponse['releases']>[number]>;

/** "Release 2, 5 Mar 2026 (correction)": how a release is named in the list of a year's releases. */
function releaseName(t: (key: string, params?: Record<string, unknown>) => string, release: Release) {
  const date = formatDate(release.publishedAt, i18n.language);
  return t(release.superseded ? 'releaseSuperseded' : 'releaseCurrent', { version: release.version, date });
}

/** Which release is shown: its date, whether a correction supersedes it, and for a correction what it corrects and why. */
function ReleaseNote({ release, all }: { release: Release; all: Release[] }) {
  const { t } = useTranslation('statistics');
  const date = (r: Release) => formatDate(r.publishedAt, i18n.language);
  const corrected = all.find((each) => each.id === release.supersedes);
  const newer = all.find((each) => each.supersedes === release.id);
  return (
    <div className="notice">
      <p>{t('releaseShown', { version: release.version, date: date(release) })}</p>
      {corrected && (
        <p>{t('releaseCorrects', { version: corrected.version, date: date(corrected), reason: release.correctionReason ?? '' })}</p>
      )}
      {newer && <p>{t('releaseSupersededBy', { version: newer.version, date: date(newer) })}</p>}
    </div>
  );
}

function ReportView({ reports, languages }: { reports: Report[]; languages: Array<ReturnType<typeof reportText>> }) {
  const { t } = useTranslation('statistics');
  const year = reports[reports.length - 1].year;
  const both = (key: string, params?: Record<string, unknown>) => languages.map((l) => l.t(key, params)).join(' / ');
  return (
    <article aria-labelledby="report-title" lang={languages.length === 1 ? languages[0].language : undefined}>
      <h2 id="report-title">{both('reportTitle', { year: reports.map((r) => r.year).join(' – ') })}</h2>
      <nav aria-labelledby="contents-title" className="statistics-contents">
        <h3 id="contents-title">{t('contents')}</h3>
        <ol>
          {tableIds.map((id) => (
            <li key={id}>
              <a href={`#table-${id}`}>{both(`tables.${id}`)}</a>
            </li>
          ))}
        </ol>
      </nav>
      {tableIds.map((id) => (
        <TableSection key={`${id}-${year}`} id={id} reports={reports} languages={languages} />
      ))}
    </article>
  );
}

function TableSection({ id, reports, languages }: { id: TableId; reports: Report[]; languages: Array<ReturnType<typeof reportText>> }) {
  const { t } = useTranslation('statistics');
  const cells = [...new Set(reports.flatMap((report) => Object.keys(report.tables[id].cells)))];
  const title = languages.map((l) => l.t(`tables.${id}`)).join(' / ');
  const labels = languages.map((l) => cells.map((cell) => cellLabel(l.t, l.language, id, cell)));
  // A cell missing from one year is a zero; a hidden one (null) stays hidden.
  const valueOf = (report: Report, cell: string) => report.tables[id].cells[cell] ?? (cell in report.tables[id].cells ? null : 0);
  const timeSeries = timeSeriesTables.includes(id);
  const Chart = timeSeries ? LineChart : BarChart;
  // The later year's time series already holds every earlier year; years need no second language.
  const shown = timeSeries ? reports.slice(-1) : reports;
  const labelColumns = timeSeries ? languages.slice(0, 1) : languages;
  const series = shown.map((report) => ({ name: String(report.year), values: cells.map((cell) => valueOf(report, cell)) }));
  return (
    <section id={`table-${id}`} aria-labelledby={`title-${id}`} className="statistics-table">
      <h3 id={`title-${id}`}>{title}</h3>
      {cells.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="chart-and-table">
          <div>
            <Chart title={t('chartOf', { title })} labels={labels[0]} series={series} />
            {series.length > 1 && (
              <p className="legend" aria-hidden="true">
                {series.map((s, i) => (
                  <span key={s.name}>
                    <span className={`swatch bar-${i}`} /> {s.name}
                  </span>
                ))}
              </p>
            )}
          </div>
          <ScrollingTable caption={title} captionHidden landmark={false}>
            <thead>
              <tr>
                {labelColumns.map((l) => (
                  <th key={l.language} scope="col" lang={l.language}>
                    {l.t('category')}
                  </th>
                ))}
                {/* A time series has one column of counts, the years being its rows; a year's table a column per year. */}
                {timeSeries ? (
                  <th scope="col" className="number">
                    {languages.map((l) => l.t('count')).join(' / ')}
                  </th>
                ) : (
                  shown.map((report) => (
                    <th key={report.year} scope="col" className="number">
                      {report.year}
                    </th>
                  ))
                )}
              </tr>
            </thead>
            <tbody>
              {cells.map((cell, row) => (
                <tr key={cell}>
                  {labelColumns.map((l, i) => {
                    const Cell = i === 0 ? 'th' : 'td';
                    return (
                      <Cell key={l.language} scope={i === 0 ? 'row' : undefined} lang={l.language}>
                        {labels[i][row]}
                      </Cell>
                    );
                  })}
                  {shown.map((report) => {
                    const value = valueOf(report, cell);
                    return (
                      <td key={report.year} className="number">
                        {value === null ? (
                          <>
                            <span aria-hidden="true">–</span>
                            <span className="visually-hidden">{t('hidden')}</span>
                          </>
                        ) : (
                          value
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        </div>
      )}
    </section>
  );
}
