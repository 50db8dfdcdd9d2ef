import {
  exploitationPurposes,
  genders,
  identificationOutcomes,
  referralSources,
  reflectionGrantors,
  residenceStatuses,
} from '../../core/codes.ts';

/**
 * The annual tables of `../shared/statistics.md`. The ids are part of the interface. Tables with a
 * fixed list of cells show every cell, zeros included, so that charts and years line up; the others
 * (nationalities, pairs of codes) list only what occurs. `unknown` appears only when it occurs.
 */
export const genderAgeCells = ['women', 'girls', 'men', 'boys', 'other_or_unknown'] as const;
export const ageBands = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;

export const tableIds = [
  'referrals_by_source',
  'referrals_summary',
  'decisions',
  'new_clients_by_purpose',
  'new_clients_by_gender_age',
  'new_clients_by_age_band',
  'new_clients_by_residence',
  'new_clients_by_nationality',
  'new_clients_by_purpose_place',
  'new_clients_by_purpose_gender',
  'finland_new_clients_by_purpose',
  'finland_new_clients_by_gender',
  'finland_new_clients_by_residence',
  'finland_new_clients_by_nationality',
  'finland_new_clients_minors',
  'new_children',
  'clients_at_year_end_by_purpose',
  'clients_at_year_end_by_gender_age',
  'clients_at_year_end_by_nationality',
  'clients_at_year_end_summary',
  'reflection_periods_granted',
  'official_identification',
  'new_clients_by_year',
] as const;
export type TableId = (typeof tableIds)[number];

export type Cells = Record<string, number>;
export type Tables = Record<TableId, { cells: Cells }>;

/** How a table's cells are named: a fixed list (shown with zeros), free codes, or pairs of codes. */
export type CellKind = 'fixed' | 'nationality' | 'pair' | 'year';

const purposes = [...exploitationPurposes];
const finlandPurposes = purposes.filter((purpose) => purpose !== 'witness');

/** Where a cell's name is explained: a group of `statistics.json`; pairs join two groups. */
type LabelGroup =
  'sources' | 'counts' | 'purposes' | 'places' | 'genderAge' | 'ageBands' | 'residence' | 'genders' | 'nationality' | 'year';
interface Layout {
  kind: CellKind;
  cells?: readonly string[];
  labels: LabelGroup | [LabelGroup, LabelGroup];
}

export const tableLayout: Record<TableId, Layout> = {
  referrals_by_source: { kind: 'fixed', cells: referralSources, labels: 'sources' },
  referrals_summary: { kind: 'fixed', cells: ['referrals', 'persons'], labels: 'counts' },
  decisions: { kind: 'fixed', cells: ['admitted', 'rejected', 'terminated', 'pending_at_year_end'], labels: 'counts' },
  new_clients_by_purpose: { kind: 'fixed', cells: purposes, labels: 'purposes' },
  new_clients_by_gender_age: { kind: 'fixed', cells: genderAgeCells, labels: 'genderAge' },
  new_clients_by_age_band: { kind: 'fixed', cells: ageBands, labels: 'ageBands' },
  new_clients_by_residence: { kind: 'fixed', cells: residenceStatuses, labels: 'residence' },
  new_clients_by_nationality: { kind: 'nationality', labels: 'nationality' },
  new_clients_by_purpose_place: { kind: 'pair', labels: ['purposes', 'places'] },
  new_clients_by_purpose_gender: { kind: 'pair', labels: ['purposes', 'genders'] },
  finland_new_clients_by_purpose: { kind: 'fixed', cells: finlandPurposes, labels: 'purposes' },
  finland_new_clients_by_gender: { kind: 'fixed', cells: genders, labels: 'genders' },
  finland_new_clients_by_residence: { kind: 'fixed', cells: residenceStatuses, labels: 'residence' },
  finland_new_clients_by_nationality: { kind: 'nationality', labels: 'nationality' },
  finland_new_clients_minors: { kind: 'fixed', cells: ['minor_at_admission', 'minor_at_exploitation'], labels: 'counts' },
  new_children: { kind: 'fixed', cells: ['children'], labels: 'counts' },
  clients_at_year_end_by_purpose: { kind: 'fixed', cells: purposes, labels: 'purposes' },
  clients_at_year_end_by_gender_age: { kind: 'fixed', cells: genderAgeCells, labels: 'genderAge' },
  clients_at_year_end_by_nationality: { kind: 'nationality', labels: 'nationality' },
  clients_at_year_end_summary: { kind: 'fixed', cells: ['clients', 'children', 'admitted_as_minor', 'minors'], labels: 'counts' },
  reflection_periods_granted: { kind: 'fixed', cells: reflectionGrantors, labels: 'counts' },
  official_identification: {
    kind: 'fixed',
    cells: [...identificationOutcomes, 'ongoing_at_year_end', 'waiting_at_year_end'],
    labels: 'counts',
  },
  new_clients_by_year: { kind: 'year', labels: 'year' },
};

/**
 * The words for one cell in one language, for the page, the chart and the downloads alike.
 * `t` translates a key of `statistics.json`; countries are named by the browser's or Node's own
 * Intl data, so every nationality has a name in Finnish, Swedish and English.
 */
export function cellLabel(t: (key: string) => string, language: string, table: TableId, cell: string): string {
  const one = (group: string, code: string): string => {
    if (code === 'unknown') return t('statistics.unknown');
    if (group === 'year') return code;
    if (group === 'nationality') {
      if (code === 'other') return t('statistics.groupedOther');
      if (code === 'stateless') return t('statistics.stateless');
      return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
    }
    return t(`statistics.${group}.${code}`);
  };
  const labels = tableLayout[table].labels;
  if (!Array.isArray(labels)) return one(labels, cell);
  const [first, second] = cell.split('|');
  return `${one(labels[0], first)} – ${one(labels[1], second)}`;
}

/** Tables drawn as a line over the years rather than as bars. */
export const timeSeriesTables: readonly TableId[] = ['new_clients_by_year'];

/** The first year the report can be asked for. */
export const firstReportYear = 1990;

/** The current year in Helsinki: the last one that can be reported (so far). Shared by server and web. */
export function lastReportYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(now));
}

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
