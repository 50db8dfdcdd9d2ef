/**
 * What an outsider can work out exactly from linear facts between counts: Gauss–Jordan elimination
 * over the unknowns, then the bounds (a hidden count is at least 1, an unpublished count at least 0).
 * The elimination is sparse: the releases of many years give thousands of facts, but each unknown
 * appears in few of them.
 */
export type Variable = string;
export interface Fact {
  terms: Array<[Variable, number]>;
  constant: number;
}
interface Row {
  coefficients: Map<Variable, number>;
  rhs: number;
}
const EPSILON = 1e-9;

/**
 * The unknowns the facts pin down. `known` gives the value of every published count; every other
 * variable is unknown, with the lower bound `lower` gives it (−Infinity for none).
 */
export function pinnedUnknowns(
  facts: readonly Fact[],
  known: ReadonlyMap<Variable, number>,
  lower: (v: Variable) => number,
): Set<Variable> {
  const rows: Row[] = [];
  for (const fact of facts) {
    const coefficients = new Map<Variable, number>();
    let rhs = fact.constant;
    for (const [v, c] of fact.terms) {
      const value = known.get(v);
      if (value === undefined) coefficients.set(v, (coefficients.get(v) ?? 0) + c);
      else rhs -= c * value;
    }
    for (const [v, c] of coefficients) if (Math.abs(c) < EPSILON) coefficients.delete(v);
    if (coefficients.size > 0) rows.push({ coefficients, rhs });
  }
  const pinned = new Set<Variable>();
  for (const row of [...rows, ...reduced(rows)]) for (const v of pinnedBy(row, lower)) pinned.add(v);
  return pinned;
}

/** Gauss–Jordan elimination: each row left expresses one unknown (its pivot) through the unknowns that stay free. */
function reduced(rows: Row[]): Row[] {
  const work = rows.map((row) => ({ coefficients: new Map(row.coefficients), rhs: row.rhs }));
  const rowsOf = new Map<Variable, Set<number>>();
  work.forEach((row, index) => {
    for (const v of row.coefficients.keys()) (rowsOf.get(v) ?? rowsOf.set(v, new Set()).get(v)!).add(index);
  });
  const used = new Set<number>();
  const pivots: number[] = [];
  for (const column of [...rowsOf.keys()].sort()) {
    let best = -1;
    for (const index of rowsOf.get(column)!) {
      if (used.has(index)) continue;
      const size = Math.abs(work[index].coefficients.get(column)!);
      if (best < 0 || size > Math.abs(work[best].coefficients.get(column)!)) best = index;
    }
    if (best < 0) continue;
    const pivot = work[best];
    const scale = pivot.coefficients.get(column)!;
    for (const [v, c] of pivot.coefficients) pivot.coefficients.set(v, c / scale);
    pivot.rhs /= scale;
    used.add(best);
    pivots.push(best);
    for (const index of [...rowsOf.get(column)!]) {
      if (index === best) continue;
      const row = work[index];
      const factor = row.coefficients.get(column)!;
      for (const [v, c] of pivot.coefficients) {
        const next = (row.coefficients.get(v) ?? 0) - factor * c;
        if (Math.abs(next) < EPSILON) {
          row.coefficients.delete(v);
          rowsOf.get(v)!.delete(index);
        } else {
          if (!row.coefficients.has(v)) rowsOf.get(v)!.add(index);
          row.coefficients.set(v, next);
        }
      }
      row.rhs -= factor * pivot.rhs;
    }
  }
  return pivots.map((index) => work[index]);
}

/**
 * The unknowns one row pins down: a lone unknown, or unknowns of one sign whose lower bounds leave
 * no room (the smallest they can add up to is within 1 of the row's total).
 */
function pinnedBy(row: Row, lower: (v: Variable) => number): Variable[] {
  const terms = [...row.coefficients];
  if (terms.length === 1) return [terms[0][0]];
  const sign = Math.sign(terms[0][1]);
  if (terms.some(([, c]) => Math.sign(c) !== sign)) return [];
  const rhs = row.rhs * sign;
  const floor = terms.reduce((sum, [v, c]) => sum + Math.abs(c) * lower(v), 0);
  if (!Number.isFinite(floor)) return [];
  return terms.filter(([, c]) => (rhs - floor) / Math.abs(c) < 1 - EPSILON).map(([v]) => v);
}
