import { describe, expect, it } from 'vitest';
import { protectCounts, type CountSum } from './countDisclosure.ts';

/**
 * What an outsider can work out: every whole-number filling of the hidden counts (each at least 1,
 * at most the largest count shown) that keeps every sum, and for each hidden count the values it
 * can take. A sum is checked as soon as all its counts are filled, so the search stays small.
 */
function possibleValues(published: Record<string, number | null>, sums: readonly CountSum[]): Map<string, Set<number>> {
  const hidden = Object.keys(published).filter((name) => published[name] === null);
  const ceiling = Math.max(...Object.values(published).map((value) => value ?? 0));
  const values = new Map(hidden.map((name) => [name, new Set<number>()]));
  const filling: Record<string, number> = {};
  const value = (name: string) => published[name] ?? filling[name];
  // The sums that become checkable once the count at each position is filled.
  const checkableAt = hidden.map((name, index) =>
    sums.filter((sum) => {
      const members = [sum.total, ...sum.parts];
      return members.includes(name) && members.every((member) => published[member] !== null || hidden.indexOf(member) <= index);
    }),
  );
  const fill = (index: number) => {
    if (index === hidden.length) {
      for (const name of hidden) values.get(name)!.add(filling[name]);
      return;
    }
    for (let candidate = 1; candidate <= ceiling; candidate++) {
      filling[hidden[index]] = candidate;
      if (checkableAt[index].every((sum) => value(sum.total) === sum.parts.reduce((total, part) => total + value(part), 0)))
        fill(index + 1);
    }
  };
  fill(0);
  return values;
}

function expectNothingDerivable(counts: Record<string, number>, sums: CountSum[]) {
  const published = protectCounts(counts, sums);
  for (const [name, values] of possibleValues(published, sums)) expect(values.size, `${name} can be worked out`).toBeGreaterThan(1);
  return published;
}

describe('the published form of a small report', () => {
  it('shows counts of five and more, and zeros, as they are', () => {
    const counts = { enrolled: 12, completed: 7, left: 5, ongoing: 0 };
    expect(protectCounts(counts, [{ total: 'enrolled', parts: ['completed', 'left', 'ongoing'] }])).toEqual(counts);
  });

  it('hides a count of 1–4 and the smallest count that would give it away', () => {
    // One group of six, five completed: the one who left would be six minus five.
    const sums = [{ total: 'enrolled', parts: ['completed', 'left'] }];
    const published = expectNothingDerivable({ enrolled: 6, completed: 5, left: 1 }, sums);
    expect(published).toEqual({ enrolled: 6, completed: null, left: null });
  });

  it('follows a hidden count through further sums', () => {
    // Groups add up to the programme, and each group's outcomes to its enrolment.
    const counts = {
      programme: 20,
      'group:a': 10,
      'group:b': 10,
      'programme:completed': 14,
      'programme:left': 6,
      'a:completed': 8,
      'a:left': 2,
      'b:completed': 6,
      'b:left': 4,
    };
    const sums = [
      { total: 'programme', parts: ['group:a', 'group:b'] },
      { total: 'programme', parts: ['programme:completed', 'programme:left'] },
      { total: 'programme:completed', parts: ['a:completed', 'b:completed'] },
      { total: 'programme:left', parts: ['a:left', 'b:left'] },
      { total: 'group:a', parts: ['a:completed', 'a:left'] },
      { total: 'group:b', parts: ['b:completed', 'b:left'] },
    ];
    const published = expectNothingDerivable(counts, sums);
    expect(published['a:left']).toBeNull();
    expect(published['b:left']).toBeNull();
    expect(published.programme).toBe(20);
  });

  it('refuses a sum that names a count the report does not have', () => {
    expect(() => protectCounts({ enrolled: 6 }, [{ total: 'enrolled', parts: ['completed'] }])).toThrow(/unknown count completed/);
  });
});
