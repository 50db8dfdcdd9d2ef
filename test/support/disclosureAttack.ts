/**
 * An outsider's attack on a published release, written apart from the production disclosure
 * control: it knows how the tables of a release relate (the same people in several tables, totals),
 * fills in every cell it can solve from one equation at a time, and uses the fact that a hidden
 * count is at least 1. It returns every hidden cell it could work out, with the value it found.
 */
export type Published = { year: number; tables: Record<string, { cells: Record<string, number | null> }> };
export type Term = [table: string, cell: string, coefficient: number];

export function attackRelease(release: Published): Array<{ cell: string; value: number }> {
  const known = new Map<string, number>();
  const hidden = new Set<string>();
  for (const [table, { cells }] of Object.entries(release.tables)) {
    for (const [cell, value] of Object.entries(cells)) {
      if (value === null) hidden.add(`${table}:${cell}`);
      else known.set(`${table}:${cell}`, value);
    }
  }
  const facts = releaseFacts(release);
  const found: Array<{ cell: string; value: number }> = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const fact of facts) {
      const unknown = fact.filter(([a, b]) => !known.has(`${a}:${b}`));
      // A cell missing from a table is a zero everyone can see.
      const value = (a: string, b: string) => known.get(`${a}:${b}`) ?? (hidden.has(`${a}:${b}`) ? NaN : 0);
      const open = unknown.filter(([a, b]) => hidden.has(`${a}:${b}`));
      if (open.length === 0) continue;
      const rest = -fact.filter((term) => !open.includes(term)).reduce((sum, [a, b, c]) => sum + c * value(a, b), 0);
      if (Number.isNaN(rest)) continue;
      const lone = open.length === 1;
      const allOnes = open.every(([, , c]) => c === Math.sign(open[0][2])) && rest * Math.sign(open[0][2]) === open.length;
      if (!lone && !allOnes) continue;
      for (const [a, b, c] of open) {
        const solved = lone ? rest / c : 1;
        known.set(`${a}:${b}`, solved);
        found.push({ cell: `${a}:${b}`, value: solved });
      }
      progress = true;
    }
  }
  return found;
}

/** What everyone can read from how the tables of one release are defined: each fact a sum of terms that is 0. */
export function releaseFacts(release: Published): Term[][] {
  const t = release.tables;
  const keys = (table: string, test: (key: string) => boolean = () => true) => Object.keys(t[table]?.cells ?? {}).filter(test);
  const sumOf = (table: string, test?: (key: string) => boolean): Term[] => keys(table, test).map((cell) => [table, cell, 1]);
  const neg = (terms: Term[]): Term[] => terms.map(([a, b, c]) => [a, b, -c]);
  const facts: Term[][] = [];
  const same = (a: Term[], b: Term[]) => facts.push([...a, ...neg(b)]);

  const total: Term[] = [['new_clients_by_year', String(release.year), 1]];
  for (const table of [
    'new_clients_by_purpose',
    'new_clients_by_gender_age',
    'new_clients_by_age_band',
    'new_clients_by_residence',
    'new_clients_by_nationality',
    'new_clients_by_purpose_place',
    'new_clients_by_purpose_gender',
  ])
    same(sumOf(table), total);
  same([['decisions', 'admitted', 1]], total);
  for (const purpose of keys('new_clients_by_purpose')) {
    same(
      sumOf('new_clients_by_purpose_place', (k) => k.startsWith(`${purpose}|`)),
      [['new_clients_by_purpose', purpose, 1]],
    );
    same(
      sumOf('new_clients_by_purpose_gender', (k) => k.startsWith(`${purpose}|`)),
      [['new_clients_by_purpose', purpose, 1]],
    );
  }
  same(
    sumOf('new_clients_by_purpose_gender', (k) => k.endsWith('|female')),
    [
      ['new_clients_by_gender_age', 'women', 1],
      ['new_clients_by_gender_age', 'girls', 1],
    ],
  );
  same(
    sumOf('new_clients_by_purpose_gender', (k) => k.endsWith('|male')),
    [
      ['new_clients_by_gender_age', 'men', 1],
      ['new_clients_by_gender_age', 'boys', 1],
    ],
  );
  for (const purpose of keys('finland_new_clients_by_purpose'))
    same([['finland_new_clients_by_purpose', purpose, 1]], [['new_clients_by_purpose_place', `${purpose}|finland`, 1]]);
  const finland = sumOf('finland_new_clients_by_purpose');
  for (const table of ['finland_new_clients_by_gender', 'finland_new_clients_by_residence', 'finland_new_clients_by_nationality'])
    same(sumOf(table), finland);
  const clients: Term[] = [['clients_at_year_end_summary', 'clients', 1]];
  for (const table of ['clients_at_year_end_by_purpose', 'clients_at_year_end_by_gender_age', 'clients_at_year_end_by_nationality'])
    same(sumOf(table), clients);
  same(sumOf('referrals_by_source'), [['referrals_summary', 'referrals', 1]]);
  return facts;
}

/** Every shown count from 1 to 4 in a release. */
export function smallCounts(release: Published): string[] {
  return Object.entries(release.tables).flatMap(([table, { cells }]) =>
    Object.entries(cells)
      .filter(([, value]) => value !== null && value >= 1 && value <= 4)
      .map(([cell, value]) => `${table}:${cell}=${value}`),
  );
}
