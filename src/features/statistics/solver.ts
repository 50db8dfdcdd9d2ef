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
 * variable is unknown, with the lower bound `lower` gives it (−Infinity for none). With `focus`, only
 * the facts that reach one of its variables through unknowns are solved: the rest cannot change.
 */
export function pinnedUnknowns(
  facts: readonly Fact[],
  known: ReadonlyMap<Variable, number>,
  lower: (v: Variable) => number,
  focus?: ReadonlySet<Variable>,
): Set<Variable> {
  const rows: Row[] = [];
  const others: Row[] = [];
  for (const fact of facts) {
    const coefficients = new Map<Variable, number>();
    let rhs = fact.constant;
    for (const [v, c] of fact.terms) {
      const value = known.get(v);
      if (value === undefined) coefficients.set(v, (coefficients.get(v) ?? 0) + c);
      else rhs -= c * value;
    }
    for (const [v, c] of coefficients) if (Math.abs(c) < EPSILON) coefficients.delete(v);
    if (coefficients.size > 0 && (!focus || fact.terms.some(([v]) => focus.has(v)))) rows.push({ coefficients, rhs });
    else if (coefficients.size > 0) others.push({ coefficients, rhs });
  }
  if (focus) rows.push(...reachedFrom(rows, others));
  const all = [...rows, ...reduced(rows)];
  const pinned = new Set<Variable>();
  for (const row of all) for (const v of pinnedBy(row, lower)) pinned.add(v);
  for (const v of narrowed(all, lower)) pinned.add(v);
  return pinned;
}

/**
 * The unknowns whose bounds the rows squeeze to one whole number, each row narrowing each of its
 * unknowns from the bounds of the others, until nothing moves: a count no more than the year before
 * plus the new (the ended being at least 0), itself at least 1, can be held to exactly 1 that way.
 */
function narrowed(rows: Row[], lower: (v: Variable) => number): Variable[] {
  const bounds = new Map<Variable, [number, number]>();
  for (const row of rows) for (const v of row.coefficients.keys()) if (!bounds.has(v)) bounds.set(v, [lower(v), Infinity]);
  for (let round = 0, moved = true; moved && round < 200; round++) {
    moved = false;
    for (const row of rows) {
      // The least and most the row's terms can add up to: finite parts, and how many terms are unbounded.
      let least = 0;
      let most = 0;
      let unboundedBelow = 0;
      let unboundedAbove = 0;
      const range = (v: Variable, c: number) => {
        const [low, high] = bounds.get(v)!;
        return c > 0 ? [c * low, c * high] : [c * high, c * low];
      };
      for (const [v, c] of row.coefficients) {
        const [a, b] = range(v, c);
        if (Number.isFinite(a)) least += a;
        else unboundedBelow++;
        if (Number.isFinite(b)) most += b;
        else unboundedAbove++;
      }
      for (const [v, c] of row.coefficients) {
        const [low, high] = bounds.get(v)!;
        const [a, b] = range(v, c);
        // What the other terms can add up to, and so what is left for this one.
        const othersLeast = unboundedBelow - (Number.isFinite(a) ? 0 : 1) > 0 ? -Infinity : least - (Number.isFinite(a) ? a : 0);
        const othersMost = unboundedAbove - (Number.isFinite(b) ? 0 : 1) > 0 ? Infinity : most - (Number.isFinite(b) ? b : 0);
        const [from, to] =
          c > 0 ? [(row.rhs - othersMost) / c, (row.rhs - othersLeast) / c] : [(row.rhs - othersLeast) / c, (row.rhs - othersMost) / c];
        const next: [number, number] = [Math.max(low, Math.ceil(from - EPSILON)), Math.min(high, Math.floor(to + EPSILON))];
        if (next[0] > low || next[1] < high) {
          bounds.set(v, next);
          moved = true;
        }
      }
    }
  }
  return [...bounds].filter(([, [low, high]]) => low === high).map(([v]) => v);
}

/** The rows of `others` that share an unknown with `rows`, or with a row so reached. */
function reachedFrom(rows: Row[], others: Row[]): Row[] {
  const rowsOf = new Map<Variable, Row[]>();
  for (const row of others) for (const v of row.coefficients.keys()) (rowsOf.get(v) ?? rowsOf.set(v, []).get(v)!).push(row);
  const reached = new Set<Row>();
  const seen = new Set<Variable>();
  const queue = rows.flatMap((row) => [...row.coefficients.keys()]);
  while (queue.length > 0) {
    const v = queue.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const row of rowsOf.get(v) ?? [])
      if (!reached.has(row)) {
        reached.add(row);
        queue.push(...row.coefficients.keys());
      }
  }
  return [...reached];
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
