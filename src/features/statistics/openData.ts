import { helsinkiDate } from '../../core/dates.ts';
import type { Database } from '../../core/db/database.ts';
import type { PublishedCells, PublishedTables } from './disclosure.ts';
import { newestReleases, type Release } from './releases.ts';
import { tableIds } from './tables.ts';

/** The assistance system began in 2006: the public time series of new clients starts then. */
export const firstPublicSeriesYear = 2006;

/** A release as the public sees it: which year, which release of it, and when it was published. */
export interface PublishedYear {
  year: number;
  /** 1 for the year's first release; a correction is 2, 3… */
  version: number;
  /** When it was published (ISO 8601). */
  publishedAt: string;
  /** The day it was published, in Helsinki (YYYY-MM-DD). */
  date: string;
  tables: PublishedTables;
}

export interface PublicStatistics {
  /** The newest release of each published year, oldest year first. */
  years: PublishedYear[];
  /**
   * New clients by year since 2006 as the release of the latest published year has them (a hidden
   * count is null), with that release; null when nothing has been published.
   */
  timeSeries: { release: Omit<PublishedYear, 'tables'>; cells: PublishedCells } | null;
}

/**
 * What the public may see of the statistics: the newest release of each year and the time series of
 * new clients since 2006, in the published form only and exactly as the director published them.
 * The public site and the open data call this and nothing else.
 */
export async function publicStatistics(db: Database): Promise<PublicStatistics> {
  const years = (await newestReleases(db)).map(toPublic);
  const latest = years.at(-1);
  if (!latest) return { years, timeSeries: null };
  const cells = Object.fromEntries(
    Object.entries(latest.tables.new_clients_by_year.cells).filter(([year]) => Number(year) >= firstPublicSeriesYear),
  );
  const { tables: _tables, ...release } = latest;
  return { years, timeSeries: { release, cells } };
}

function toPublic(release: Release): PublishedYear {
  return {
    year: release.year,
    version: release.version,
    publishedAt: release.publishedAt,
    date: helsinkiDate(release.publishedAt),
    tables: release.tables,
  };
}

/** The open data's columns: stable names, the same in every language. */
export const yearColumns = ['year', 'release_version', 'release_date', 'table', 'cell', 'count'] as const;
export const seriesColumns = ['year', 'new_clients', 'release_year', 'release_version', 'release_date'] as const;

const count = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** One row per cell of a release; a hidden count is empty. */
export function yearRows(release: PublishedYear): string[][] {
  const rows: string[][] = [[...yearColumns]];
  for (const table of tableIds)
    for (const [cell, value] of Object.entries(release.tables[table].cells))
      rows.push([String(release.year), String(release.version), release.date, table, cell, count(value)]);
  return rows;
}

export function seriesRows(series: NonNullable<PublicStatistics['timeSeries']>): string[][] {
  const { release } = series;
  return [
    [...seriesColumns],
    ...Object.entries(series.cells).map(([year, value]) => [
      year,
      count(value),
      String(release.year),
      String(release.version),
      release.date,
    ]),
  ];
}
