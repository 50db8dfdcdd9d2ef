import { AppError } from '../../core/errors.ts';
import type { AnnualReport } from './annualReport.ts';
import { groupedNationalities, nationalityTables, yearLinks } from './crossYear.ts';
import { releaseEquations, type Equation, type Ref } from './releaseEquations.ts';
import { pinnedUnknowns, type Fact, type Variable } from './solver.ts';
import { tableIds, type TableId, type Tables } from './tables.ts';

/**
 * Disclosure control for the published form of the annual report, release by release.
 *
 * 1. Nationalities with fewer than five people are not listed; they are added up into `other`.
 * 2. Primary suppression: every count from 1 to 4 becomes null.
 * 3. Secondary suppression: the release is written as linear equations between its cells (a
 *    table adds up to its population, a cross-table equals its margins, the same people appear in
 *    several tables), together with every release already public and the identities that link one
 *    year to the next (`crossYear.ts`). An audit solves the whole system for the hidden cells,
 *    knowing that a hidden count is at least 1; while any hidden cell can be worked out exactly,
 *    the smallest count of the new release that shares an equation with it is hidden too.
 *
 * One count in several releases (the new clients of 2019 in the time series of every later release,
 * a cell in a release and in its correction) is one unknown when its value is the same in both: the
 * outsider is assumed to know which counts a correction left unchanged. Where it changed, the two
 * are different counts.
 */
export const SMALLEST_SHOWN = 5;

export type PublishedCells = Record<string, number | null>;
export type PublishedTables = Record<TableId, { cells: PublishedCells }>;
export interface PublishedReport {
  year: number;
  published: true;
  tables: PublishedTables;
}

/** What the audit knows of a release: its year, its internal tables and, from the same snapshot, the year before. */
export interface ReleaseBasis {
  year: number;
  tables: Tables;
  /** Null for a release protected on its own, without the identities to the year before. */
  previous: Tables | null;
}
export interface PublicRelease extends ReleaseBasis {
  published: PublishedTables;
}

/** The published form of one year on its own, as if no other release were public. */
export function publish(report: AnnualReport): PublishedReport {
  return publishAmong({ year: report.year, tables: report.tables, previous: null }, []);
}

/** The published form of a new release, protected together with the releases already public. */
export function publishAmong(candidate: ReleaseBasis, releases: readonly PublicRelease[]): PublishedReport {
  const audit = new Audit([...releases, candidate]);
  const mine = audit.releases[releases.length];
  const hidden = new Set<Ref>([...mine.values].filter(([, value]) => value >= 1 && value < SMALLEST_SHOWN).map(([r]) => r));
  // What is public stays public: a count an earlier release shows (unchanged since) is in people's
  // files already. Hiding it now would protect nothing and would only make the audit take it for a
  // secret; so it is shown again, and never chosen to hide.
  const publicVariables = new Set(releases.flatMap((_, index) => [...audit.releases[index].shown()]));
  for (const r of hidden) if (publicVariables.has(mine.variable(r))) hidden.delete(r);

  const before = audit.pinned(releases.length);
  for (;;) {
    mine.hidden = hidden;
    const exposed = [...audit.pinned(releases.length + 1, true)].filter((v) => !before.has(v)).sort();
    if (exposed.length === 0) break;
    // One count hidden for each exposed count that shares no equation with one already chosen this
    // round (solving again after each would choose the same, only slower).
    const chosen: Variable[] = [];
    for (const v of exposed) {
      if (chosen.some((other) => audit.share(v, other))) continue;
      const next = audit.secondaryFor(v, mine, publicVariables);
      chosen.push(mine.variable(next));
      hidden.add(next);
    }
  }

  const published = {} as PublishedTables;
  for (const id of tableIds) {
    const cells: PublishedCells = {};
    for (const [cell, value] of Object.entries(mine.released[id].cells)) cells[cell] = hidden.has(`${id}:${cell}`) ? null : value;
    published[id] = { cells };
  }
  return { year: candidate.year, published: true, tables: published };
}

/** One release in the audit: its cells as variables shared across releases, and its equations. */
class ReleaseInAudit {
  readonly released: Tables;
  /** The release's counts by cell, after nationalities are grouped. */
  readonly values = new Map<Ref, number>();
  hidden: Set<Ref>;
  equations: Fact[] = [];
  free = new Set<Variable>();
  value = new Map<Variable, number>();

  constructor(
    readonly index: number,
    readonly basis: ReleaseBasis,
    published: PublishedTables | null,
  ) {
    this.released = groupSmallNationalities(basis.tables);
    for (const id of tableIds) for (const [cell, value] of Object.entries(this.released[id].cells)) this.values.set(`${id}:${cell}`, value);
    this.hidden = new Set(
      published
        ? tableIds.flatMap((id) =>
            Object.keys(published[id]?.cells ?? {})
              .filter((cell) => published[id].cells[cell] === null)
              .map((cell) => `${id}:${cell}`),
          )
        : [],
    );
  }

  /**
   * The variable a term stands for. A count is named by what it counts and its value, so that the
   * same count in two releases is one unknown; a quantity no release shows is this release's own.
   */
  private readonly names = new Map<Ref, Variable>();
  variable(r: Ref): Variable {
    let name = this.names.get(r);
    if (name === undefined) this.names.set(r, (name = this.name(r)));
    return name;
  }

  private name(r: Ref): Variable {
    const year = this.basis.year;
    if (r.startsWith('v:')) return `v${this.index}:${r.slice(2)}`;
    if (r.startsWith('prev:')) {
      const [, table, cell] = r.split(':');
      return `${year - 1}:${table}:${cell}#${this.basis.previous![table as TableId].cells[cell] ?? 0}`;
    }
    if (r.startsWith('g:')) {
      const [, table, code] = r.split(':');
      return `${year}:${table}:${code}#${this.basis.tables[table as TableId].cells[code] ?? 0}`;
    }
    const [table, cell] = [r.slice(0, r.indexOf(':')), r.slice(r.indexOf(':') + 1)];
    const quantity = table === 'new_clients_by_year' ? `ts:${cell}` : `${year}:${table}:${cell}`;
    return `${quantity}#${this.values.get(r) ?? 0}`;
  }

  /** The variables this release shows. */
  *shown(): Iterable<Variable> {
    for (const [r] of this.values) if (!this.hidden.has(r)) yield this.variable(r);
  }

  build(codes: ReadonlySet<string>) {
    const add = (equations: Equation[]) => {
      for (const equation of equations)
        this.equations.push({ terms: equation.terms.map(([r, c]) => [this.variable(r), c]), constant: equation.constant });
    };
    add(releaseEquations(this.released, this.basis.year));
    add(groupedNationalities(this.released, codes));
    if (this.basis.previous) {
      const links = yearLinks(this.released, this.basis.tables, this.basis.previous, this.basis.year, codes);
      add(links.equations);
      for (const r of links.free) this.free.add(this.variable(r));
    }
    for (const [r, value] of this.values) this.value.set(this.variable(r), value);
  }
}

class Audit {
  readonly releases: ReleaseInAudit[];

  constructor(bases: Array<ReleaseBasis & { published?: PublishedTables }>) {
    this.releases = bases.map((basis, index) => new ReleaseInAudit(index, basis, basis.published ?? null));
    // The nationalities an outsider can name: those any release lists, or any year before would.
    const codes = new Set<string>();
    for (const release of this.releases) {
      for (const table of nationalityTables)
        for (const code of Object.keys(release.released[table].cells)) if (code !== 'other') codes.add(code);
      for (const [code, count] of Object.entries(release.basis.previous?.clients_at_year_end_by_nationality.cells ?? {}))
        if (count >= SMALLEST_SHOWN) codes.add(code);
    }
    for (const release of this.releases) release.build(codes);
    for (const release of this.releases)
      for (const fact of release.equations)
        for (const [v] of fact.terms) (this.factsOf.get(v) ?? this.factsOf.set(v, []).get(v)!).push(fact);
  }

  /** The equations each variable is in. */
  private readonly factsOf = new Map<Variable, Fact[]>();

  /** Whether two variables are in one equation. */
  share(a: Variable, b: Variable): boolean {
    return (this.factsOf.get(a) ?? []).some((fact) => fact.terms.some(([v]) => v === b));
  }

  /**
   * The hidden counts of the first `count` releases that those releases together give away; with
   * `focus`, only those reached through the last release's equations (elsewhere nothing changed).
   */
  pinned(count: number, focus = false): Set<Variable> {
    const releases = this.releases.slice(0, count);
    const known = new Map<Variable, number>();
    for (const release of releases) for (const v of release.shown()) known.set(v, release.value.get(v)!);
    const hiddenCells = new Set(releases.flatMap((release) => [...release.hidden].map((r) => release.variable(r))));
    const free = new Set(releases.flatMap((release) => [...release.free]));
    const lower = (v: Variable) => (hiddenCells.has(v) ? 1 : free.has(v) ? -Infinity : 0);
    const last = releases.at(-1);
    const reach = focus && last ? new Set(last.equations.flatMap((fact) => fact.terms.map(([v]) => v))) : undefined;
    const pinned = pinnedUnknowns(
      releases.flatMap((release) => release.equations),
      known,
      lower,
      reach,
    );
    return new Set([...pinned].filter((v) => hiddenCells.has(v)));
  }

  /**
   * The count of the new release to hide next: the smallest it shows that shares an equation with
   * the exposed one, else the nearest through further equations, else its smallest.
   */
  secondaryFor(exposed: Variable, mine: ReleaseInAudit, publicVariables: ReadonlySet<Variable>): Ref {
    const hideable = new Map<Variable, Ref>();
    for (const [r, value] of mine.values)
      if (!mine.hidden.has(r) && value > 0 && !publicVariables.has(mine.variable(r))) hideable.set(mine.variable(r), r);
    const factsOf = this.factsOf;
    const smallest = (variables: Iterable<Variable>) =>
      [...variables]
        .filter((v) => hideable.has(v))
        .map((v) => hideable.get(v)!)
        .sort((a, b) => mine.values.get(a)! - mine.values.get(b)! || (a < b ? -1 : 1))[0];
    const seen = new Set<Variable>([exposed]);
    for (let frontier = [exposed]; frontier.length > 0;) {
      const next = new Set<Variable>();
      for (const v of frontier)
        for (const fact of factsOf.get(v) ?? []) for (const [other] of fact.terms) if (!seen.has(other)) next.add(other);
      const choice = smallest(next);
      if (choice) return choice;
      for (const v of next) seen.add(v);
      frontier = [...next];
    }
    const anywhere = smallest(hideable.keys());
    if (!anywhere) throw new AppError(409, 'statistics_cannot_protect');
    return anywhere;
  }
}

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
