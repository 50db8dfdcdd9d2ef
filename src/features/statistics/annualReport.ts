import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/types.ts';
import { add, emptyTables, genderAge, type Tables } from './tables.ts';
import * as q from './queries.ts';

export interface AnnualReport {
  year: number;
  published: boolean;
  tables: Tables;
}

/**
 * The internal form of the annual report: every count, for staff with the right to see it.
 * All queries read one snapshot, so the tables agree with each other even while work goes on.
 */
export async function annualReport(db: Kysely<DB>, year: number): Promise<AnnualReport> {
  const tables = await inSnapshot(db, (trx) => countYear(trx, year));
  return { year, published: false, tables };
}

/**
 * What a release of a year is made from: the year's internal tables and, from the same snapshot,
 * the tables of the year before, so that the identities linking the two years (clients on 31.12 of
 * the year before + new clients − ended = clients on 31.12) hold exactly between them.
 */
export interface ReleaseFigures {
  year: number;
  tables: Tables;
  previous: Tables;
}

export async function releaseFigures(db: Kysely<DB>, year: number): Promise<ReleaseFigures> {
  return inSnapshot(db, async (trx) => ({ year, tables: await countYear(trx, year), previous: await countYear(trx, year - 1) }));
}

function inSnapshot<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
}

async function countYear(trx: Kysely<DB>, year: number): Promise<Tables> {
  const y = q.yearBounds(year);
  const tables = emptyTables();
  countReferrals(tables, await q.referralCounts(trx, y));
  Object.assign(tables.decisions.cells, await q.decisionCounts(trx, y));
  countNewClients(tables, await q.newClientGroups(trx, y));
  tables.new_children.cells.children = await q.newChildren(trx, y);
  countYearEnd(tables, await q.yearEndGroups(trx, y));
  tables.clients_at_year_end_summary.cells.children = await q.yearEndChildren(trx, y);
  for (const row of await q.reflectionCounts(trx, y)) add(tables.reflection_periods_granted.cells, row.granted_by, row.n);
  Object.assign(tables.official_identification.cells, await q.identificationCounts(trx, y));
  countByYear(tables, await q.newClientsByYear(trx, y), year);
  return tables;
}

function countReferrals(tables: Tables, rows: Awaited<ReturnType<typeof q.referralCounts>>) {
  for (const row of rows) {
    if (row.source === null) Object.assign(tables.referrals_summary.cells, { referrals: row.referrals, persons: row.persons });
    else add(tables.referrals_by_source.cells, row.source, row.referrals);
  }
}

function countNewClients(tables: Tables, rows: q.NewClientGroup[]) {
  for (const row of rows) {
    const purpose = row.purpose ?? 'unknown';
    const minor = row.band === 'under_18';
    add(tables.new_clients_by_purpose.cells, purpose, row.n);
    add(tables.new_clients_by_gender_age.cells, genderAge(row.gender, minor), row.n);
    add(tables.new_clients_by_age_band.cells, row.band, row.n);
    add(tables.new_clients_by_residence.cells, row.residence ?? 'unknown', row.n);
    add(tables.new_clients_by_nationality.cells, row.nationality, row.n);
    add(tables.new_clients_by_purpose_place.cells, `${purpose}|${row.place ?? 'none'}`, row.n);
    add(tables.new_clients_by_purpose_gender.cells, `${purpose}|${row.gender}`, row.n);
    if (row.place !== 'finland') continue;
    add(tables.finland_new_clients_by_purpose.cells, purpose, row.n);
    add(tables.finland_new_clients_by_gender.cells, row.gender, row.n);
    add(tables.finland_new_clients_by_residence.cells, row.residence ?? 'unknown', row.n);
    add(tables.finland_new_clients_by_nationality.cells, row.nationality, row.n);
    if (minor) add(tables.finland_new_clients_minors.cells, 'minor_at_admission', row.n);
    if (row.minor_at_time) add(tables.finland_new_clients_minors.cells, 'minor_at_exploitation', row.n);
  }
}

function countYearEnd(tables: Tables, rows: q.YearEndGroup[]) {
  const summary = tables.clients_at_year_end_summary.cells;
  for (const row of rows) {
    add(tables.clients_at_year_end_by_purpose.cells, row.purpose ?? 'unknown', row.n);
    add(tables.clients_at_year_end_by_gender_age.cells, genderAge(row.gender, row.minor === true), row.n);
    add(tables.clients_at_year_end_by_nationality.cells, row.nationality, row.n);
    add(summary, 'clients', row.n);
    if (row.minor) add(summary, 'minors', row.n);
    if (row.admitted_as_minor) add(summary, 'admitted_as_minor', row.n);
  }
}

/** One cell per year from the first admission to the year asked, zeros for quiet years. */
function countByYear(tables: Tables, rows: Array<{ year: number; n: number }>, lastYear: number) {
  if (rows.length === 0) return;
  const firstYear = Math.min(...rows.map((row) => row.year));
  for (let year = firstYear; year <= lastYear; year++) tables.new_clients_by_year.cells[String(year)] = 0;
  for (const row of rows) tables.new_clients_by_year.cells[String(row.year)] = row.n;
}
