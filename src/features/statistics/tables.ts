import { exploitationPurposes, genders, identificationOutcomes, referralSources, reflectionGrantors, residenceStatuses } from '../../core/codes.ts';

/**
 * The annual tables of `../shared/statistics.md`. The ids are part of the interface. Tables with a
 * fixed list of cells show every cell, zeros included, so that charts and years line up; the others
 * (nationalities, pairs of codes) list only what occurs. `unknown` appears only when it occurs.
 */
export const genderAgeCells = ['women', 'girls', 'men', 'boys', 'other_or_unknown'] as const;
export const ageBands = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;

export const tableIds = [
  'referrals_by_source', 'referrals_summary', 'decisions',
  'new_clients_by_purpose', 'new_clients_by_gender_age', 'new_clients_by_age_band', 'new_clients_by_residence', 'new_clients_by_nationality',
  'new_clients_by_purpose_place', 'new_clients_by_purpose_gender',
  'finland_new_clients_by_purpose', 'finland_new_clients_by_gender', 'finland_new_clients_by_residence', 'finland_new_clients_by_nationality',
  'finland_new_clients_minors', 'new_children',
  'clients_at_year_end_by_purpose', 'clients_at_year_end_by_gender_age', 'clients_at_year_end_by_nationality', 'clients_at_year_end_summary',
  'reflection_periods_granted', 'official_identification', 'new_clients_by_year',
] as const;
export type TableId = (typeof tableIds)[number];

export type Cells = Record<string, number>;
export type Tables = Record<TableId, { cells: Cells }>;

/** How a table's cells are named: a fixed list (shown with zeros), free codes, or pairs of codes. */
export type CellKind = 'fixed' | 'nationality' | 'pair' | 'year';

const purposes = [...exploitationPurposes];
const finlandPurposes = purposes.filter((purpose) => purpose !== 'witness');

export const tableLayout: Record<TableId, { kind: CellKind; cells?: readonly string[] }> = {
  referrals_by_source: { kind: 'fixed', cells: referralSources },
  referrals_summary: { kind: 'fixed', cells: ['referrals', 'persons'] },
  decisions: { kind: 'fixed', cells: ['admitted', 'rejected', 'terminated', 'pending_at_year_end'] },
  new_clients_by_purpose: { kind: 'fixed', cells: purposes },
  new_clients_by_gender_age: { kind: 'fixed', cells: genderAgeCells },
  new_clients_by_age_band: { kind: 'fixed', cells: ageBands },
  new_clients_by_residence: { kind: 'fixed', cells: residenceStatuses },
  new_clients_by_nationality: { kind: 'nationality' },
  new_clients_by_purpose_place: { kind: 'pair' },
  new_clients_by_purpose_gender: { kind: 'pair' },
  finland_new_clients_by_purpose: { kind: 'fixed', cells: finlandPurposes },
  finland_new_clients_by_gender: { kind: 'fixed', cells: genders },
  finland_new_clients_by_residence: { kind: 'fixed', cells: residenceStatuses },
  finland_new_clients_by_nationality: { kind: 'nationality' },
  finland_new_clients_minors: { kind: 'fixed', cells: ['minor_at_admission', 'minor_at_exploitation'] },
  new_children: { kind: 'fixed', cells: ['children'] },
  clients_at_year_end_by_purpose: { kind: 'fixed', cells: purposes },
  clients_at_year_end_by_gender_age: { kind: 'fixed', cells: genderAgeCells },
  clients_at_year_end_by_nationality: { kind: 'nationality' },
  clients_at_year_end_summary: { kind: 'fixed', cells: ['clients', 'children', 'admitted_as_minor', 'minors'] },
  reflection_periods_granted: { kind: 'fixed', cells: reflectionGrantors },
  official_identification: { kind: 'fixed', cells: [...identificationOutcomes, 'ongoing_at_year_end', 'waiting_at_year_end'] },
  new_clients_by_year: { kind: 'year' },
};

/** Tables drawn as a line over the years rather than as bars. */
export const timeSeriesTables: readonly TableId[] = ['new_clients_by_year'];

/** The first year the report can be asked for, and the last (no future years). */
export const firstReportYear = 1990;

/** Women, girls, men, boys by gender and minor status; other and unknown genders are grouped. */
export function genderAge(gender: string, minor: boolean): (typeof genderAgeCells)[number] {
  if (gender === 'female') return minor ? 'girls' : 'women';
  if (gender === 'male') return minor ? 'boys' : 'men';
  return 'other_or_unknown';
}

/** Fills a table: every fixed cell present (zero if none), counted cells added. */
export function emptyTables(): Tables {
  const tables = {} as Tables;
  for (const id of tableIds) {
    const cells: Cells = {};
    for (const cell of tableLayout[id].cells ?? []) cells[cell] = 0;
    tables[id] = { cells };
  }
  return tables;
}

export function add(cells: Cells, key: string, count: number): void {
  cells[key] = (cells[key] ?? 0) + count;
}
