import { releaseFacts, type Published } from './disclosureAttack.ts';

/**
 * An outsider's attack on several public releases at once, written apart from the production
 * disclosure control and solving differently: every unknown gets an interval of whole numbers
 * (a hidden count at least 1, an unpublished count at least 0), and each fact narrows the interval
 * of each of its unknowns from the intervals of the others, until nothing moves. A hidden count
 * whose interval closes to one number is worked out.
 *
 * The outsider is made as strong as the register allows: it knows which counts a correction left
 * unchanged (so a hidden cell in a release and in its correction is one unknown when its value is
 * the same), and the exact difference the few reopened and readmitted clients make between one
 * year's clients on 31.12 and the next. That knowledge comes from `truth`, the internal tables each
 * release was made from, and the year before in the same snapshot.
 */
export interface AttackedRelease {
  release: Published;
  truth: { tables: Record<string, { cells: Record<string, number> }>; previous: Record<string, { cells: Record<string, number> }> | null };
}
export interface Finding {
  release: number;
  cell: string;
  value: number;
}

type Fact = { terms: Array<[string, number]>; constant: number };

export function attackReleases(releases: AttackedRelease[]): Finding[] {
  const known = new Map<string, number>();
  const bounds = new Map<string, [number, number]>();
  const facts: Fact[] = [];
  const hiddenOf = new Map<string, Array<{ release: number; cell: string; truth: number }>>();

  /** The true count behind a cell of a release: `other` adds up the nationalities the table does not list. */
  const truthOf = ({ release, truth }: AttackedRelease, table: string, cell: string) => {
    const raw = truth.tables[table]?.cells ?? {};
    if (cell !== 'other' || !table.endsWith('_nationality')) return raw[cell] ?? 0;
    const listed = release.tables[table].cells;
    return Object.entries(raw)
      .filter(([code]) => !(code in listed))
      .reduce((sum, [, n]) => sum + n, 0);
  };
  const quantity = (year: number, table: string, cell: string) =>
    table === 'new_clients_by_year' ? `series:${cell}` : `${year}:${table}:${cell}`;
  /** One name for one count: the same quantity with the same true value, in whichever release. */
  const nameOf = (index: number, table: string, cell: string) => {
    const attacked = releases[index];
    return `${quantity(attacked.release.year, table, cell)}=${truthOf(attacked, table, cell)}`;
  };

  releases.forEach((attacked, index) => {
    for (const [table, { cells }] of Object.entries(attacked.release.tables)) {
      for (const [cell, value] of Object.entries(cells)) {
        const name = nameOf(index, table, cell);
        if (value !== null) known.set(name, value);
        else {
          bounds.set(name, [1, Infinity]);
          hiddenOf.set(name, [
            ...(hiddenOf.get(name) ?? []),
            { release: index, cell: `${table}:${cell}`, truth: truthOf(attacked, table, cell) },
          ]);
        }
      }
    }
    for (const fact of releaseFacts(attacked.release)) {
      const terms = fact
        .filter(([table, cell]) => attacked.release.tables[table]?.cells[cell] !== undefined)
        .map(([table, cell, c]): [string, number] => [nameOf(index, table, cell), c]);
      facts.push({ terms, constant: 0 });
    }
  });

  // Between a year and the year before: the stocks on 31.12 move by the new and the ended.
  releases.forEach((attacked, index) => {
    const { year, tables } = attacked.release;
    const previous = attacked.truth.previous;
    if (!previous) return;
    const here = (table: string, cell: string): Array<[string, number]> =>
      tables[table]?.cells[cell] === undefined ? [] : [[nameOf(index, table, cell), 1]];
    // A count of the year before is what that year's own release shows, when the value is the same.
    const before = (table: string, cell: string): Array<[string, number]> => {
      const value = previous[table]?.cells[cell] ?? 0;
      const name = `${quantity(year - 1, table, cell)}=${value}`;
      if (!known.has(name) && !bounds.has(name)) bounds.set(name, [0, Infinity]);
      return [[name, 1]];
    };
    const truthHere = (terms: Array<[string, number]>) =>
      terms.reduce((sum, [name]) => sum + Number(name.slice(name.lastIndexOf('=') + 1)), 0);
    let slacks = 0;
    const moves = (end: Array<[string, number]>, start: Array<[string, number]>, added: Array<[string, number]>) => {
      const ended = truthHere(start) + truthHere(added) - truthHere(end);
      const slack = `ended-${index}-${slacks++}`;
      bounds.set(slack, [ended >= 0 ? 0 : -Infinity, Infinity]);
      facts.push({
        terms: [
          ...end,
          ...start.map(([n, c]): [string, number] => [n, -c]),
          ...added.map(([n, c]): [string, number] => [n, -c]),
          [slack, 1],
        ],
        constant: 0,
      });
    };
    const clientsEnd = here('clients_at_year_end_summary', 'clients');
    const clientsStart = before('clients_at_year_end_summary', 'clients');
    const newClients = here('new_clients_by_year', String(year));
    const terminated = here('decisions', 'terminated');
    facts.push({
      terms: [
        ...clientsEnd,
        ...terminated,
        ...clientsStart.map(([n]): [string, number] => [n, -1]),
        ...newClients.map(([n]): [string, number] => [n, -1]),
      ],
      constant: truthHere(clientsEnd) + truthHere(terminated) - truthHere(clientsStart) - truthHere(newClients),
    });
    for (const purpose of Object.keys(tables.clients_at_year_end_by_purpose.cells))
      moves(
        here('clients_at_year_end_by_purpose', purpose),
        before('clients_at_year_end_by_purpose', purpose),
        here('new_clients_by_purpose', purpose),
      );
    for (const group of [['women', 'girls'], ['men', 'boys'], ['other_or_unknown']])
      moves(
        group.flatMap((cell) => here('clients_at_year_end_by_gender_age', cell)),
        group.flatMap((cell) => before('clients_at_year_end_by_gender_age', cell)),
        group.flatMap((cell) => here('new_clients_by_gender_age', cell)),
      );
    for (const code of Object.keys(tables.clients_at_year_end_by_nationality.cells))
      if (code !== 'other' && tables.new_clients_by_nationality.cells[code] !== undefined)
        moves(
          here('clients_at_year_end_by_nationality', code),
          before('clients_at_year_end_by_nationality', code),
          here('new_clients_by_nationality', code),
        );
    moves(
      here('clients_at_year_end_summary', 'minors'),
      before('clients_at_year_end_summary', 'minors'),
      here('new_clients_by_age_band', 'under_18'),
    );
    moves(
      here('clients_at_year_end_summary', 'admitted_as_minor'),
      before('clients_at_year_end_summary', 'admitted_as_minor'),
      here('new_clients_by_age_band', 'under_18'),
    );
    moves(
      here('clients_at_year_end_summary', 'children'),
      before('clients_at_year_end_summary', 'children'),
      here('new_children', 'children'),
    );
    // Waiting for a decision: those of the year before and the year's referrals, less the decided (and the withdrawn).
    moves(
      [...here('decisions', 'pending_at_year_end'), ...here('decisions', 'admitted'), ...here('decisions', 'rejected')],
      before('decisions', 'pending_at_year_end'),
      here('referrals_summary', 'referrals'),
    );
  });

  for (const fact of facts) {
    const merged = new Map<string, number>();
    for (const [name, c] of fact.terms) merged.set(name, (merged.get(name) ?? 0) + c);
    fact.terms = [...merged].filter(([, c]) => c !== 0);
  }
  narrow(facts, known, bounds);
  const found: Finding[] = [];
  for (const [name, cells] of hiddenOf) {
    if (known.has(name)) continue;
    const [low, high] = bounds.get(name)!;
    if (low === high) for (const { release, cell, truth } of cells) if (truth === low) found.push({ release, cell, value: low });
  }
  return found;
}

/** Interval propagation over whole numbers, until no interval narrows (or a generous number of rounds). */
function narrow(facts: Fact[], known: Map<string, number>, bounds: Map<string, [number, number]>) {
  const range = (name: string, c: number): [number, number] => {
    const value = known.get(name);
    if (value !== undefined) return [c * value, c * value];
    const [low, high] = bounds.get(name)!;
    return c > 0 ? [c * low, c * high] : [c * high, c * low];
  };
  for (let round = 0, moved = true; moved && round < 500; round++) {
    moved = false;
    for (const fact of facts) {
      for (const [name, c] of fact.terms) {
        if (known.has(name)) continue;
        let low = fact.constant;
        let high = fact.constant;
        for (const [other, d] of fact.terms) {
          if (other === name) continue;
          const [a, b] = range(other, d);
          low -= b;
          high -= a;
        }
        if (Number.isNaN(low) || Number.isNaN(high)) continue;
        const [from, to] = c > 0 ? [low / c, high / c] : [high / c, low / c];
        const [current, upper] = bounds.get(name)!;
        const next: [number, number] = [Math.max(current, Math.ceil(from - 1e-9)), Math.min(upper, Math.floor(to + 1e-9))];
        if (next[0] !== current || next[1] !== upper) {
          bounds.set(name, next);
          moved = true;
        }
      }
    }
  }
}
