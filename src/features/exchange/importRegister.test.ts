import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { exportedRegister } from '../../../test/support/exportedRegister.ts';
import { helsinkiTime } from '../../core/dates.ts';
import { ImportRejected, importRegister } from './importRegister.ts';

const sample = fs.readFileSync(path.resolve('test/fixtures/register-sample.ndjson'), 'utf8');
const system = { actorId: null, actorRole: 'command_line', ip: null };
const tables = [
  'persons',
  'referrals',
  'decisions',
  'withdrawals',
  'exploitations',
  'residence_statuses',
  'children',
  'terminations',
  'reflection_periods',
  'identifications',
] as const;

let first: TestContext;
let second: TestContext;
beforeAll(async () => {
  [first, second] = await Promise.all([createTestContext(), createTestContext()]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

async function counts(ctx: TestContext) {
  const result: Record<string, number> = {};
  for (const table of tables)
    result[table] = Number((await ctx.db.selectFrom(table).select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return result;
}

describe('importing and exporting the register', () => {
  it('refuses a file with one wrong line and writes nothing', async () => {
    const broken = sample.replace('"outcome":"rejected"', '"outcome":"maybe"');
    const error = await importRegister(first, system, broken).catch((caught) => caught);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems).toEqual([{ line: 22, code: 'bad_code', params: { field: 'outcome', value: '"maybe"' } }]);
    expect(Object.values(await counts(first)).every((n) => n === 0)).toBe(true);
  });

  it('imports the sample register, and importing it again changes nothing', async () => {
    const summary = await importRegister(first, system, sample);
    expect(summary.created).toMatchObject({
      person: 4,
      referral: 4,
      decision: 3,
      withdrawal: 1,
      exploitation: 3,
      residence: 3,
      child: 1,
      termination: 1,
      reflection_period: 1,
      identification: 1,
    });
    const after = await counts(first);
    const again = await importRegister(first, system, sample);
    expect(again.unchanged).toBe(22);
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(await counts(first)).toEqual(after);
  });

  it('refuses a line that contradicts what the register holds, naming the line and field', async () => {
    const before = await counts(first);
    const contradicting = sample.replace('{"type":"person","id":"p2","gender":"male"', '{"type":"person","id":"p2","gender":"female"');
    const error = await importRegister(first, system, contradicting).catch((caught) => caught);
    expect((error as ImportRejected).problems).toEqual([{ line: 10, code: 'conflicts_with_register', params: { field: 'gender' } }]);
    expect(await counts(first)).toEqual(before);
  });

  it('refuses a second decision on a stored referral and a second main purpose, by line, instead of failing in the database', async () => {
    const before = await counts(first);
    const lines = sample.trim().split('\n');
    const text = [
      lines[9],
      lines[10],
      JSON.stringify({ type: 'decision', id: 'd9', referralId: 'r2', decidedAt: '2024-06-20T11:00:00+03:00', outcome: 'admitted' }),
      JSON.stringify({
        type: 'exploitation',
        personId: 'p2',
        purpose: 'sexual_exploitation',
        place: 'finland',
        main: true,
        minorAtTime: false,
      }),
    ].join('\n');
    const error = await importRegister(first, system, text).catch((caught) => caught);
    expect((error as ImportRejected).problems).toEqual([
      { line: 3, code: 'referral_decided_in_register', params: { id: 'r2' } },
      { line: 4, code: 'main_exploitation_in_register', params: { id: 'p2' } },
    ]);
    expect(await counts(first)).toEqual(before);
  });

  it("export → import into an empty register → export gives the same file, with the sample's lines", async () => {
    const exported = (await exportedRegister(first.db, first.keyring)).text;
    expect(exported.trim().split('\n').sort()).toEqual(sample.trim().split('\n').sort());
    const progress: string[] = [];
    await importRegister(second, system, exported, ({ phase, done, total }) => progress.push(`${phase} ${done}/${total}`));
    expect((await exportedRegister(second.db, second.keyring)).text).toBe(exported);
    // Every line checked, then written, never going backwards.
    expect(progress[0]).toBe('checking 23/23');
    expect(progress.at(-1)).toBe('writing 22/22');
    const written = progress.slice(1).map((entry) => Number(entry.split(/[ /]/)[1]));
    expect(written).toEqual([...written].sort((a, b) => a - b));
  });

  it('writes instants in Helsinki time with the offset of the season', () => {
    expect(helsinkiTime('2024-12-31T21:40:00Z')).toBe('2024-12-31T23:40:00+02:00');
    expect(helsinkiTime('2024-06-11T05:30:00Z')).toBe('2024-06-11T08:30:00+03:00');
    expect(helsinkiTime('2024-06-11T05:30:00.045Z')).toBe('2024-06-11T08:30:00.045+03:00');
  });

  it('records imports, refused imports and exports in the audit log', async () => {
    const entries = await first.db.selectFrom('audit_log').select(['action', 'outcome']).execute();
    const imports = entries.filter((entry) => entry.action === 'exchange.import').map((entry) => entry.outcome);
    expect(imports.sort()).toEqual(['failed', 'failed', 'failed', 'succeeded', 'succeeded']);
    expect(entries.map((entry) => entry.action)).toContain('exchange.export');
  });
});
