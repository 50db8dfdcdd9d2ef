import { cellLabel, tableIds, type PublicStatistics } from '../../statistics/index.ts';
import { html } from '../html.ts';
import { sitePage } from '../layout.ts';
import type { Words } from '../words.ts';

const openData = '/api/v1/public/statistics';

/** A release's day (already a Helsinki day) as written in the page's language. */
const formatDay = (day: string, language: string) =>
  new Intl.DateTimeFormat(language, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/**
 * The published statistics: the latest year's release, table by table, and new clients by year since
 * 2006, exactly as the director published them (`publicStatistics`, never live counts). A hidden
 * count is shown as hidden; the open data is the same release as CSV and JSON.
 */
export function statisticsPage(words: Words, statistics: PublicStatistics): string {
  const { page, pageLanguage } = words;
  const t = (key: string) => page(key);
  const latest = statistics.years.at(-1);
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? html`–<span class="visually-hidden"> ${page('statistics.hidden')}</span>` : String(value);
  const body = !latest
    ? html`<h1>${page('publicSite.statistics.title')}</h1>
        <p>${page('statistics.nothingPublished')}</p>`
    : html`<h1>${page('publicSite.statistics.title')}</h1>
        ${page('publicSite.statistics.intro')
          .split(/\n\n+/)
          .map((paragraph) => html`<p>${paragraph}</p>`)}
        <p>
          ${page('publicSite.statistics.release', { year: latest.year, version: latest.version, date: formatDay(latest.date, pageLanguage) })}
        </p>
        <h2>${page('publicSite.statistics.downloads')}</h2>
        <ul>
          <li>
            <a href="${openData}/${latest.year}?format=csv" download>${page('publicSite.statistics.yearCsv', { year: latest.year })}</a>
          </li>
          <li><a href="${openData}/${latest.year}?format=json">${page('publicSite.statistics.yearJson', { year: latest.year })}</a></li>
          <li><a href="${openData}/time-series?format=csv" download>${page('publicSite.statistics.seriesCsv')}</a></li>
          <li><a href="${openData}/time-series?format=json">${page('publicSite.statistics.seriesJson')}</a></li>
        </ul>
        ${
          statistics.timeSeries
            ? html`<h2>${page('statistics.tables.new_clients_by_year')}</h2>
                <div class="table-box" tabindex="0" role="region" aria-label="${page('statistics.tables.new_clients_by_year')}">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">${page('statistics.year')}</th>
                        <th scope="col">${page('publicSite.statistics.newClients')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${Object.entries(statistics.timeSeries.cells).map(
                        ([year, value]) =>
                          html`<tr>
                            <th scope="row">${year}</th>
                            <td class="count">${count(value)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
            : ''
        }
        <h2>${page('publicSite.statistics.yearTitle', { year: latest.year })}</h2>
        ${tableIds
          .filter((table) => table !== 'new_clients_by_year')
          .map((table) => {
            const cells = Object.entries(latest.tables[table].cells);
            return html`<div class="table-box" tabindex="0" role="region" aria-label="${page(`statistics.tables.${table}`)}">
              <table>
                <caption>
                  ${page(`statistics.tables.${table}`)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${page('statistics.category')}</th>
                    <th scope="col">${page('statistics.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${
                    cells.length === 0
                      ? html`<tr>
                          <td colspan="2">${page('statistics.empty')}</td>
                        </tr>`
                      : cells.map(
                          ([cell, value]) =>
                            html`<tr>
                              <th scope="row">${cellLabel(t, pageLanguage, table, cell)}</th>
                              <td class="count">${count(value)}</td>
                            </tr>`,
                        )
                  }
                </tbody>
              </table>
            </div>`;
          })}
        <p class="muted">${page('statistics.publishedNote')}</p>`;
  return sitePage({ words, slug: 'statistics', title: page('publicSite.statistics.title'), body, inPageLanguage: true });
}
