import type { AnnualReport } from './annualReport.ts';
import { tableIds, type TableId, type Tables } from './tables.ts';

/**
 * Disclosure control for the published form of the annual report.
 *
 * 1. Nationalities with fewer than five people are not listed; they are added up into `other`.
 * 2. Primary suppression: every count from 1 to 4 becomes null.
 * 3. Secondary suppression: the release is written as linear equations between its cells (a
 *    table adds up to its population, a cross-table equals its margins, the same people appear in
 *    several tables). An audit solves the system for the hidden cells, knowing that a hidden count
 *    is at least 1; while any hidden cell can be worked out exactly, the smallest published count
 *    that shares an equation with it is hidden too.
 */
export const SMALLEST_SHOWN = 5;

export type PublishedCells = Record<string, number | null>;
export interface PublishedReport {
  year: number;
  published: true;
  tables: Record<TableId, { cells: PublishedCells }>;
}

type Ref = string; // "table:cell" for a cell of the release, "v:name" for an unpublished quantity
interface Equation {
  terms: Array<[Ref, number]>;
  constant: number;
}

const ref = (table: TableId, cell: string): Ref => `${table}:${cell}`;
const isVirtual = (r: Ref) => r.startsWith('v:');

export function publish(report: AnnualReport): PublishedReport {
  const tables = groupSmallNationalities(report.tables);
  const values = new Map<Ref, number>();
  for (const id of tableIds) for (const [cell, value] of Object.entries(tables[id].cells)) values.set(ref(id, cell), value);

  const equations = releaseEquations(tables, report.year);
  const hidden = new Set<Ref>([...values].filter(([, value]) => value >= 1 && value < SMALLEST_SHOWN).map(([r]) => r));
  for (;;) {
    const exposed = exposedCells(values, hidden, equations);
    if (exposed.length === 0) break;
    hidden.add(secondaryFor(exposed[0], values, hidden, equations));
  }

  const published = {} as PublishedReport['tables'];
  for (const id of tableIds) {
    const cells: PublishedCells = {};
    for (const [cell, value] of Object.entries(tables[id].cells)) cells[cell] = hidden.has(ref(id, cell)) ? null : value;
    published[id] = { cells };
  }
  return { year: report.year, published: true, tables: published };
}

const nationalityTables: TableId[] = [
  'new_clients_by_nationality',
  'finland_new_clients_by_nationality',
  'clients_at_year_end_by_nationality',
];

function groupSmallNationalities(source: Tables): Tables {
  const tables = structuredClone(source);
  for (const id of nationalityTables) {
    const cells: Record<string, number> = {};
    let other = 0;
    for (const [code, count] of Object.entries(tables[id].cells)) {
      if (count >= SMALLEST_SHOWN) cells[code] = count;
      else other += count;
    }
    if (other > 0) cells.other = other;
    tables[id] = { cells };
  }
  return tables;
}

/** The linear facts an outsider can rely on between the cells of one release. */
function releaseEquations(t: Tables, year: number): Equation[] {
  const equations: Equation[] = [];
  const has = (table: TableId, cell: string) => t[table].cells[cell] !== undefined;
  const cell = (table: TableId, key: string): Array<[Ref, number]> => (has(table, key) ? [[ref(table, key), 1]] : []);
  const all = (table: TableId, filter: (key: string) => boolean = () => true): Array<[Ref, number]> =>
    Object.keys(t[table].cells)
      .filter(filter)
      .map((key) => [ref(table, key), 1]);
  const minus = (terms: Array<[Ref, number]>): Array<[Ref, number]> => terms.map(([r, c]) => [r, -c]);
  const equal = (left: Array<[Ref, number]>, right: Array<[Ref, number]>, constant = 0) =>
    equations.push({ terms: [...left, ...minus(right)], constant });
  const part = (name: string): Array<[Ref, number]> => [[`v:${name}`, 1]];
  const genderTotal = (table: TableId, gender: string) =>
    gender === 'female'
      ? [...cell(table, 'women'), ...cell(table, 'girls')]
      : gender === 'male'
        ? [...cell(table, 'men'), ...cell(table, 'boys')]
        : cell(table, 'other_or_unknown');

  // New clients of the year: every table of them adds up to the year's cell of the time series.
  const newClients = has('new_clients_by_year', String(year)) ? cell('new_clients_by_year', String(year)) : part('new_clients');
  for (const id of [
    'new_clients_by_purpose',
    'new_clients_by_gender_age',
    'new_clients_by_age_band',
    'new_clients_by_residence',
    'new_clients_by_nationality',
    'new_clients_by_purpose_place',
    'new_clients_by_purpose_gender',
  ] as const) {
    equal(all(id), newClients);
  }
  // Admissions and new clients differ only by people admitted twice in a year, which an outsider may know.
  const newCount = t.new_clients_by_year.cells[String(year)] ?? 0;
  equal(cell('decisions', 'admitted'), newClients, t.decisions.cells.admitted - newCount);
  for (const purpose of Object.keys(t.new_clients_by_purpose.cells)) {
    equal(
      all('new_clients_by_purpose_place', (key) => key.startsWith(`${purpose}|`)),
      cell('new_clients_by_purpose', purpose),
    );
    equal(
      all('new_clients_by_purpose_gender', (key) => key.startsWith(`${purpose}|`)),
      cell('new_clients_by_purpose', purpose),
    );
  }
  for (const gender of ['female', 'male']) {
    equal(
      all('new_clients_by_purpose_gender', (key) => key.endsWith(`|${gender}`)),
      genderTotal('new_clients_by_gender_age', gender),
    );
  }
  equal(
    all('new_clients_by_purpose_gender', (key) => key.endsWith('|other') || key.endsWith('|unknown')),
    genderTotal('new_clients_by_gender_age', 'other'),
  );
  equal(cell('new_clients_by_age_band', 'under_18'), [
    ...cell('new_clients_by_gender_age', 'girls'),
    ...cell('new_clients_by_gender_age', 'boys'),
    ...part('new_minors_other_gender'),
  ]);

  // New clients exploited in Finland: a part of the new clients, in four tables of their own.
  for (const id of [
    'finland_new_clients_by_purpose',
    'finland_new_clients_by_gender',
    'finland_new_clients_by_residence',
    'finland_new_clients_by_nationality',
  ] as const) {
    equal(all(id), part('finland_new_clients'));
  }
  for (const purpose of Object.keys(t.finland_new_clients_by_purpose.cells)) {
    equal(cell('finland_new_clients_by_purpose', purpose), cell('new_clients_by_purpose_place', `${purpose}|finland`));
  }
  for (const gender of ['female', 'male']) {
    equal(
      [...cell('finland_new_clients_by_gender', gender), ...part(`abroad_${gender}`)],
      genderTotal('new_clients_by_gender_age', gender),
    );
  }
  equal(
    [
      ...cell('finland_new_clients_by_gender', 'other'),
      ...cell('finland_new_clients_by_gender', 'unknown'),
      ...part('abroad_other_gender'),
    ],
    genderTotal('new_clients_by_gender_age', 'other'),
  );
  for (const status of Object.keys(t.finland_new_clients_by_residence.cells)) {
    equal([...cell('finland_new_clients_by_residence', status), ...part(`abroad_${status}`)], cell('new_clients_by_residence', status));
  }
  for (const code of Object.keys(t.finland_new_clients_by_nationality.cells)) {
    if (code !== 'other' && has('new_clients_by_nationality', code)) {
      equal([...cell('finland_new_clients_by_nationality', code), ...part(`abroad_${code}`)], cell('new_clients_by_nationality', code));
    }
  }
  equal(
    [...cell('finland_new_clients_minors', 'minor_at_admission'), ...part('abroad_minors')],
    cell('new_clients_by_age_band', 'under_18'),
  );

  // Clients on 31.12.
  const clients = cell('clients_at_year_end_summary', 'clients');
  for (const id of ['clients_at_year_end_by_purpose', 'clients_at_year_end_by_gender_age', 'clients_at_year_end_by_nationality'] as const)
    equal(all(id), clients);
  equal(cell('clients_at_year_end_summary', 'minors'), [
    ...cell('clients_at_year_end_by_gender_age', 'girls'),
    ...cell('clients_at_year_end_by_gender_age', 'boys'),
    ...part('minors_other_gender'),
  ]);
  equal([...cell('clients_at_year_end_summary', 'admitted_as_minor'), ...part('admitted_as_adult')], clients);

  // Referrals: by source they add up to the total; persons differ from referrals only by repeat referrals.
  equal(all('referrals_by_source'), cell('referrals_summary', 'referrals'));
  equal(
    cell('referrals_summary', 'persons'),
    cell('referrals_summary', 'referrals'),
    t.referrals_summary.cells.persons - t.referrals_summary.cells.referrals,
  );
  return equations.filter((equation) => equation.terms.length > 0);
}

interface Row {
  coefficients: Map<Ref, number>;
  rhs: number;
}
const EPSILON = 1e-9;

/** The hidden cells an outsider can work out exactly from the published ones. */
function exposedCells(values: Map<Ref, number>, hidden: Set<Ref>, equations: Equation[]): Ref[] {
  const rows: Row[] = [];
  for (const equation of equations) {
    const coefficients = new Map<Ref, number>();
    let rhs = equation.constant;
    for (const [r, c] of equation.terms) {
      if (isVirtual(r) || hidden.has(r)) coefficients.set(r, (coefficients.get(r) ?? 0) + c);
      else rhs -= c * (values.get(r) ?? 0);
    }
    if (coefficients.size > 0) rows.push({ coefficients, rhs });
  }
  const exposed = new Set<Ref>();
  for (const row of [...rows, ...reducedRows(rows)]) for (const r of pinnedBy(row)) exposed.add(r);
  return [...exposed].sort();
}

/** Gauss–Jordan elimination: each reduced row expresses some hidden cells through the others. */
function reducedRows(rows: Row[]): Row[] {
  const unknowns = [...new Set(rows.flatMap((row) => [...row.coefficients.keys()]))].sort();
  const matrix = rows.map((row) => [...unknowns.map((u) => row.coefficients.get(u) ?? 0), row.rhs]);
  let pivotRow = 0;
  for (let column = 0; column < unknowns.length && pivotRow < matrix.length; column++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < matrix.length; r++) if (Math.abs(matrix[r][column]) > Math.abs(matrix[best][column])) best = r;
    if (Math.abs(matrix[best][column]) < EPSILON) continue;
    [matrix[pivotRow], matrix[best]] = [matrix[best], matrix[pivotRow]];
    const pivot = matrix[pivotRow][column];
    matrix[pivotRow] = matrix[pivotRow].map((value) => value / pivot);
    for (let r = 0; r < matrix.length; r++) {
      if (r === pivotRow || Math.abs(matrix[r][column]) < EPSILON) continue;
      const factor = matrix[r][column];
      matrix[r] = matrix[r].map((value, i) => value - factor * matrix[pivotRow][i]);
    }
    pivotRow++;
  }
  return matrix.slice(0, pivotRow).map((values) => ({
    coefficients: new Map(unknowns.flatMap((u, i) => (Math.abs(values[i]) > EPSILON ? [[u, values[i]] as [Ref, number]] : []))),
    rhs: values[unknowns.length],
  }));
}

/**
 * The hidden cells one equation pins down: a lone unknown, or unknowns of one sign whose lower
 * bounds (1 for a hidden count, 0 for an unpublished quantity) leave no room.
 */
function pinnedBy(row: Row): Ref[] {
  const terms = [...row.coefficients];
  if (terms.length === 1) return isVirtual(terms[0][0]) ? [] : [terms[0][0]];
  const sign = Math.sign(terms[0][1]);
  if (terms.some(([, c]) => Math.sign(c) !== sign)) return [];
  const rhs = row.rhs * sign;
  const lower = (r: Ref) => (isVirtual(r) ? 0 : 1);
  const floor = terms.reduce((sum, [r, c]) => sum + Math.abs(c) * lower(r), 0);
  return terms.filter(([r, c]) => !isVirtual(r) && (rhs - floor) / Math.abs(c) < 1 - EPSILON).map(([r]) => r);
}

/** The published count to hide next: the smallest one that shares an equation with the exposed cell. */
function secondaryFor(exposed: Ref, values: Map<Ref, number>, hidden: Set<Ref>, equations: Equation[]): Ref {
  const candidates = equations
    .filter((equation) => equation.terms.some(([r]) => r === exposed))
    .flatMap((equation) => equation.terms.map(([r]) => r))
    .filter((r) => !isVirtual(r) && !hidden.has(r) && (values.get(r) ?? 0) > 0)
    .sort((a, b) => values.get(a)! - values.get(b)! || (a < b ? -1 : 1));
  if (candidates.length > 0) return candidates[0];
  // Nothing left beside it: hide the smallest published count in the exposed cell's table.
  const table = exposed.slice(0, exposed.indexOf(':'));
  const inTable = [...values].filter(([r, value]) => r.startsWith(`${table}:`) && !hidden.has(r) && value > 0).sort((a, b) => a[1] - b[1]);
  if (inTable.length > 0) return inTable[0][0];
  const anywhere = [...values].filter(([r, value]) => !hidden.has(r) && value > 0).sort((a, b) => a[1] - b[1]);
  if (anywhere.length === 0) throw new Error(`disclosure control cannot protect ${exposed}`);
  return anywhere[0][0];
}
