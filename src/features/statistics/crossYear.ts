import type { Equation, Ref } from './releaseEquations.ts';
import type { TableId, Tables } from './tables.ts';

/**
 * The facts that link a year's release to the year before, for the disclosure control across
 * releases. Each holds exactly in the snapshot the release was counted from (`ReleaseFigures`).
 *
 * Terms: `table:cell` a cell of the release; `prev:table:cell` a count of the year before, in the
 * same snapshot (the same quantity as that year's own release shows when the register has not
 * changed since); `g:table:code` a nationality not listed in the release (grouped into `other`, or
 * none); `v:name` a count no release shows (at least 0, unless named in `free`).
 *
 * What links two years:
 * - the year-end stock: clients on 31.12 of the year before + new clients − ended = clients on 31.12,
 *   in total (every term published; the few reopened or readmitted make a constant the outsider is
 *   assumed to know) and by purpose, gender and nationality, where the ended of each group are not
 *   published and are unknowns;
 * - the same for clients under 18, clients admitted as minors and their children;
 * - referrals waiting on 31.12: those of the year before + referrals − decisions − withdrawn (not published);
 * - the time series of new clients, carried in every release: the same quantity everywhere, so the
 *   control gives it one name across releases (nothing to write here).
 * Official identification is not linked: its year-end counts move by requests and starts, two flows
 * of opposite sign that no release shows, so together they fix nothing.
 */
export interface YearLinks {
  equations: Equation[];
  /** Unpublished quantities that can be negative (more reopened than ended in a group): no lower bound. */
  free: Set<Ref>;
}

type Term = { ref: Ref; value: number };

export function yearLinks(released: Tables, raw: Tables, previous: Tables, year: number, codes: ReadonlySet<string>): YearLinks {
  const equations: Equation[] = [];
  const free = new Set<Ref>();
  const sum = (terms: Term[]) => terms.reduce((total, term) => total + term.value, 0);
  const current = (table: TableId, cell: string): Term[] => {
    const value = released[table].cells[cell];
    if (value !== undefined) return [{ ref: `${table}:${cell}`, value }];
    const count = raw[table].cells[cell] ?? 0;
    // A nationality grouped into `other` (or none at all) is still a count the outsider may reason about.
    return nationalityTables.includes(table) ? [{ ref: `g:${table}:${cell}`, value: count }] : [];
  };
  const before = (table: TableId, cell: string): Term[] => [{ ref: `prev:${table}:${cell}`, value: previous[table].cells[cell] ?? 0 }];
  const cells = (table: TableId, keys: readonly string[], of: (table: TableId, cell: string) => Term[]) =>
    keys.flatMap((key) => of(table, key));

  /** end = start + inflow − outflow, the outflow of the group unpublished (an unknown). */
  const flow = (name: string, end: Term[], start: Term[], inflow: Term[]) => {
    const outflow = sum(start) + sum(inflow) - sum(end);
    const unknown = `v:ended_${name}`;
    if (outflow < 0) free.add(unknown);
    equations.push({
      terms: [...end.map((t): [Ref, number] => [t.ref, 1]), ...[...start, ...inflow].map((t): [Ref, number] => [t.ref, -1]), [unknown, 1]],
      constant: 0,
    });
  };

  // In total every term is published, so the exact difference (reopenings, readmissions) is taken as known.
  const newClients: Term[] =
    released.new_clients_by_year.cells[String(year)] !== undefined
      ? current('new_clients_by_year', String(year))
      : [{ ref: 'v:new_clients', value: sum(cells('new_clients_by_purpose', Object.keys(raw.new_clients_by_purpose.cells), current)) }];
  const end = current('clients_at_year_end_summary', 'clients');
  const start = before('clients_at_year_end_summary', 'clients');
  const ended = current('decisions', 'terminated');
  equations.push({
    terms: [...end, ...ended].map((t): [Ref, number] => [t.ref, 1]).concat([...start, ...newClients].map((t) => [t.ref, -1])),
    constant: sum(end) + sum(ended) - sum(start) - sum(newClients),
  });

  const keysOf = (...tables: Array<Record<string, number | null>>) => [...new Set(tables.flatMap((cellsOf) => Object.keys(cellsOf)))];
  for (const purpose of keysOf(
    raw.clients_at_year_end_by_purpose.cells,
    previous.clients_at_year_end_by_purpose.cells,
    raw.new_clients_by_purpose.cells,
  )) {
    flow(
      `purpose_${purpose}`,
      current('clients_at_year_end_by_purpose', purpose),
      before('clients_at_year_end_by_purpose', purpose),
      current('new_clients_by_purpose', purpose),
    );
  }
  for (const [gender, groups] of Object.entries(genderGroups)) {
    flow(
      `gender_${gender}`,
      cells('clients_at_year_end_by_gender_age', groups, current),
      cells('clients_at_year_end_by_gender_age', groups, before),
      cells('new_clients_by_gender_age', groups, current),
    );
  }
  for (const code of codes) {
    flow(
      `nationality_${code}`,
      current('clients_at_year_end_by_nationality', code),
      before('clients_at_year_end_by_nationality', code),
      current('new_clients_by_nationality', code),
    );
  }
  const minorsIn = current('new_clients_by_age_band', 'under_18');
  flow('minors', current('clients_at_year_end_summary', 'minors'), before('clients_at_year_end_summary', 'minors'), minorsIn);
  flow(
    'admitted_as_minor',
    current('clients_at_year_end_summary', 'admitted_as_minor'),
    before('clients_at_year_end_summary', 'admitted_as_minor'),
    minorsIn,
  );
  flow(
    'children',
    current('clients_at_year_end_summary', 'children'),
    before('clients_at_year_end_summary', 'children'),
    current('new_children', 'children'),
  );
  // Waiting on 31.12 = waiting a year before + referred − decided − withdrawn (withdrawals are not published).
  const decided = [...current('decisions', 'admitted'), ...current('decisions', 'rejected')];
  const waiting = current('decisions', 'pending_at_year_end');
  const waitingBefore = before('decisions', 'pending_at_year_end');
  const referred = current('referrals_summary', 'referrals');
  const withdrawn = sum(waitingBefore) + sum(referred) - sum(decided) - sum(waiting);
  if (withdrawn < 0) free.add('v:withdrawn');
  equations.push({
    terms: [
      ...[...waiting, ...decided].map((t): [Ref, number] => [t.ref, 1]),
      ...[...waitingBefore, ...referred].map((t): [Ref, number] => [t.ref, -1]),
      ['v:withdrawn', 1],
    ],
    constant: 0,
  });

  // The year before adds up in the same snapshot, whether or not its own release still shows these counts.
  const clientsBefore = before('clients_at_year_end_summary', 'clients');
  for (const table of [
    'clients_at_year_end_by_purpose',
    'clients_at_year_end_by_gender_age',
    'clients_at_year_end_by_nationality',
  ] as const) {
    const parts = Object.keys(previous[table].cells).flatMap((cell) => before(table, cell));
    equations.push({ terms: [...parts.map((t): [Ref, number] => [t.ref, 1]), [clientsBefore[0].ref, -1]], constant: 0 });
  }
  return { equations, free };
}

export const nationalityTables: readonly TableId[] = [
  'new_clients_by_nationality',
  'finland_new_clients_by_nationality',
  'clients_at_year_end_by_nationality',
];

const genderGroups: Record<string, string[]> = { female: ['women', 'girls'], male: ['men', 'boys'], other: ['other_or_unknown'] };

/**
 * `other` in a nationality table is the sum of the nationalities it groups. For nationalities the
 * outsider can name (listed somewhere in the releases), each is its own unknown; the rest of `other`
 * is one more. Without `other`, every nationality not listed is none.
 */
export function groupedNationalities(released: Tables, codes: ReadonlySet<string>): Equation[] {
  return nationalityTables.map((table) => {
    const listed = released[table].cells;
    const grouped = [...codes].filter((code) => listed[code] === undefined).map((code): [Ref, number] => [`g:${table}:${code}`, 1]);
    const other: Array<[Ref, number]> = listed.other === undefined ? [] : [[`${table}:other`, -1]];
    return { terms: [...grouped, [`v:rest_of_other_${table}`, 1], ...other], constant: 0 };
  });
}
