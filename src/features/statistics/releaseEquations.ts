import type { TableId, Tables } from './tables.ts';

/**
 * A linear fact between counts: Σ coefficient × term = constant. A term names a cell of one release
 * (`table:cell`) or a quantity no table shows (`v:name`, at least 0).
 */
export type Ref = string;
export interface Equation {
  terms: Array<[Ref, number]>;
  constant: number;
}

export const ref = (table: TableId, cell: string): Ref => `${table}:${cell}`;

/** The linear facts an outsider can rely on between the cells of one release. */
export function releaseEquations(t: Tables, year: number): Equation[] {
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
