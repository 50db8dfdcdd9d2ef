import { describe, expect, it } from 'vitest';
import { checkBatch } from './lineBatches.ts';

const importId = '00000000-0000-4000-8000-000000000001';
const person = (id: string) => JSON.stringify({ type: 'person', id, gender: 'female', birthDate: '1990-02-03', nationality: 'NG' });
const exploitation = JSON.stringify({
  type: 'exploitation',
  personId: 'p\t1',
  purpose: 'witness',
  place: null,
  main: true,
  minorAtTime: false,
});

describe('checking a batch of lines', () => {
  it("numbers its lines from the batch's first, and makes each right line a row of its type's staging table", () => {
    const checked = checkBatch(importId, 5001, [person('p1') + '\r', '', exploitation], false);
    expect(checked).toMatchObject({ read: 3, byType: { person: 1, exploitation: 1 }, problems: [], within: [] });
    expect(checked.rows).toEqual([
      ['person', `${importId}\t5001\tp1\tfemale\t1990-02-03\tNG\n`],
      // A tab in a value is escaped, and a null field is COPY's null.
      ['exploitation', `${importId}\t5003\tp\\t1\twitness\t\\N\ttrue\tfalse\n`],
    ]);
  });

  it('makes no rows once the file has a wrong line, but checks every line', () => {
    const wrong = checkBatch(importId, 1, [person('p1'), '{"type":"person"', person('p3')], false);
    expect(wrong.problems.map((problem) => `${problem.line}:${problem.code}`)).toEqual(['2:not_json']);
    expect(wrong.rows).toEqual([]);
    const later = checkBatch(importId, 4, [person('p4'), JSON.stringify({ type: 'person', id: 'p5' })], true);
    expect(later.rows).toEqual([]);
    expect(later.byType).toEqual({ person: 1 });
    expect(later.problems.map((problem) => `${problem.line}:${problem.code}`)).toEqual([
      '5:missing_field',
      '5:missing_field',
      '5:missing_field',
    ]);
  });
});
