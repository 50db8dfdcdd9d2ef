import { AppError } from '../../core/errors.ts';
import { SMALLEST_SHOWN } from './disclosure.ts';
import { pinnedUnknowns, type Fact } from './solver.ts';

/** One additive relation of a report: `total` is the sum of `parts` (all named counts). */
export interface CountSum {
  total: string;
  parts: readonly string[];
}

/**
 * The published form of a small report (a coaching group's, the path to work's outcomes) under the
 * annual statistics' rules: every count from 1 to 4 is hidden, then, while the shown counts and the
 * report's sums let an outsider work out a hidden count exactly, the smallest count sharing a sum
 * with it is hidden too. The same solver as the annual release decides what can be worked out.
 *
 * Each quantity has one name however many tables show it, and every breakdown of a population is
 * given as a sum: a relation left out is one the audit cannot see, so the caller declares them all.
 */
export function protectCounts(counts: Readonly<Record<string, number>>, sums: readonly CountSum[]): Record<string, number | null> {
  const facts: Fact[] = sums.map((sum) => {
    for (const name of [sum.total, ...sum.parts])
      if (!(name in counts)) throw new Error(`protectCounts: the sum of ${sum.total} names an unknown count ${name}`);
    return { terms: [[sum.total, 1], ...sum.parts.map((part): [string, number] => [part, -1])], constant: 0 };
  });
  const factsOf = new Map<string, Fact[]>();
  for (const fact of facts) for (const [name] of fact.terms) (factsOf.get(name) ?? factsOf.set(name, []).get(name)!).push(fact);

  const hidden = new Set(Object.keys(counts).filter((name) => counts[name] >= 1 && counts[name] < SMALLEST_SHOWN));
  for (;;) {
    const known = new Map(Object.entries(counts).filter(([name]) => !hidden.has(name)));
    const exposed = [...pinnedUnknowns(facts, known, (name) => (counts[name] >= 1 ? 1 : 0))].filter((name) => hidden.has(name)).sort();
    if (exposed.length === 0) break;
    // One more hidden for each exposed count that shares no sum with one chosen this round: solving
    // again after each would choose the same, only slower.
    const chosen: string[] = [];
    for (const name of exposed) {
      if (chosen.some((other) => share(factsOf, name, other))) continue;
      const next = nearestShown(name, counts, hidden, factsOf);
      chosen.push(next);
      hidden.add(next);
    }
  }
  return Object.fromEntries(Object.entries(counts).map(([name, value]) => [name, hidden.has(name) ? null : value]));
}

function share(factsOf: Map<string, Fact[]>, a: string, b: string): boolean {
  return (factsOf.get(a) ?? []).some((fact) => fact.terms.some(([name]) => name === b));
}

/** The smallest shown count sharing a sum with `exposed`, else the nearest through further sums. */
function nearestShown(
  exposed: string,
  counts: Readonly<Record<string, number>>,
  hidden: ReadonlySet<string>,
  factsOf: Map<string, Fact[]>,
): string {
  const seen = new Set([exposed]);
  for (let frontier = [exposed]; frontier.length > 0;) {
    const next = new Set<string>();
    for (const name of frontier)
      for (const fact of factsOf.get(name) ?? []) for (const [other] of fact.terms) if (!seen.has(other)) next.add(other);
    const choice = [...next]
      .filter((name) => !hidden.has(name) && counts[name] > 0)
      .sort((a, b) => counts[a] - counts[b] || (a < b ? -1 : 1))[0];
    if (choice) return choice;
    for (const name of next) seen.add(name);
    frontier = [...next];
  }
  throw new AppError(409, 'statistics_cannot_protect');
}
