import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { ImportRejected, importRegister } from './importRegister.ts';
import { validateExchangeFile } from './validateExchangeFile.ts';

// An import checks the lines together in SQL over its staging table; validating a file checks them in
// memory. Both must find the same problems, with the same details, in the same order.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const system = { actorId: null, actorRole: 'command_line', ip: null };
const file = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n');
const person = (id: string) => ({ type: 'person', id, gender: 'female', birthDate: '1990-02-03', nationality: 'NG' });
const referral = (id: string, personId: string, at = '2024-02-05T10:00:00+02:00') => ({
  type: 'referral',
  id,
  personId,
  receivedAt: at,
  source: 'self',
  consentAt: at,
});
const decision = (id: string, referralId: string, outcome = 'admitted', at = '2024-02-20T10:00:00+02:00') => ({
  type: 'decision',
  id,
  referralId,
  decidedAt: at,
  outcome,
});
const exploitation = (personId: string, main = true, purpose = 'forced_labour', place: string | null = 'finland') => ({
  type: 'exploitation',
  personId,
  purpose,
  place,
  main,
  minorAtTime: false,
});

const files = {
  references: file(
    person('p1'),
    referral('r1', 'p1'),
    referral('r2', 'ghost'),
    decision('d1', 'r1'),
    exploitation('p1'),
    { type: 'withdrawal', referralId: 'r1', at: '2024-03-01T10:00:00+02:00' },
    decision('d2', 'nope', 'rejected'),
    person('p1'),
    { type: 'withdrawal', referralId: 'r2', at: '2024-01-01T10:00:00+02:00' },
    decision('d1', 'r2'),
    { type: 'residence', personId: 'ghost', status: 'asylum_seeker', at: '2024-01-01' },
    { type: 'child', id: 'c1', guardianId: 'ghost', birthDate: '2020-01-01', from: '2024-01-01' },
  ),
  order: file(
    person('p1'),
    { ...referral('r1', 'p1'), consentAt: '2024-02-05T10:30:00+02:00' },
    decision('d1', 'r1', 'rejected', '2024-02-01T10:00:00+02:00'),
    { ...referral('r1', 'p2'), consentAt: '2024-02-06T10:30:00+02:00' },
  ),
  exploitations: file(
    person('p1'),
    referral('r1', 'p1'),
    decision('d1', 'r1'),
    person('p2'),
    referral('r2', 'p2'),
    decision('d2', 'r2'),
    exploitation('p2'),
    exploitation('p2', true, 'sexual_exploitation'),
    exploitation('p2', false, 'witness', 'abroad'),
    exploitation('p2', false, 'sexual_exploitation', null),
    exploitation('ghost', false, 'witness', 'abroad'),
  ),
  clients: file(
    person('p1'),
    referral('r1', 'p1'),
    decision('d1', 'r1', 'admitted', '2024-02-21T10:00:00+02:00'),
    exploitation('p1'),
    referral('r3', 'p1', '2024-02-06T10:00:00+02:00'),
    decision('d3', 'r3', 'admitted', '2024-02-20T10:00:00+02:00'),
    person('p2'),
    { type: 'reflection_period', personId: 'p1', grantedBy: 'police', start: '2024-08-31', end: '2025-03-01' },
    { type: 'reflection_period', personId: 'ghost', grantedBy: 'police', start: '2024-08-31', end: '2024-08-30' },
    { type: 'child', id: 'c1', guardianId: 'p2', birthDate: '2020-01-01', from: '2024-01-01' },
    { type: 'termination', personId: 'p1', at: '2024-02-20T11:00:00+02:00', reason: 'other' },
    { type: 'termination', personId: 'p1', at: '2024-02-19T10:00:00+02:00', reason: 'other' },
    { type: 'termination', personId: 'p2', at: '2024-02-19T10:00:00+02:00', reason: 'other' },
    { type: 'termination', personId: 'ghost', at: '2024-02-19T10:00:00+02:00', reason: 'other' },
    { type: 'identification', personId: 'ghost', requestedAt: '2024-03-01T09:00:00+02:00', decidedAt: '2024-04-01T09:00:00+03:00' },
    {
      type: 'identification',
      personId: 'p1',
      requestedAt: '2024-03-01T09:00:00+02:00',
      startedAt: '2024-02-01T09:00:00+02:00',
      decidedAt: '2024-01-01T09:00:00+02:00',
      outcome: 'identified',
    },
  ),
};

describe('an import checks the lines together as validating the file does', () => {
  it.each(Object.entries(files))('finds the same problems in a file about %s, and writes nothing', async (_, text) => {
    const { problems } = await validateExchangeFile(text);
    expect(problems.length).toBeGreaterThan(2);
    const error = await importRegister(ctx, system, text).catch((caught) => caught);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems).toEqual(problems);
    const stored = await ctx.db.selectFrom('persons').select(ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
  });
});
