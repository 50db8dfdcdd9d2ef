import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { decisionCounts, yearBounds, yearEndGroups } from '../statistics/queries.ts';
import { exportedRegister } from '../../../test/support/exportedRegister.ts';
import { importRegister } from './importRegister.ts';

const system = { actorId: null, actorRole: 'system', ip: null } as const;
const lines = (...values: object[]) => values.map((value) => JSON.stringify(value)).join('\n');
const client = (id: string) => [
  { type: 'person', id, gender: 'female', birthDate: '1990-02-03', nationality: 'NG' },
  {
    type: 'referral',
    id: `r-${id}`,
    personId: id,
    receivedAt: '2024-02-05T10:00:00+02:00',
    source: 'self',
    consentAt: '2024-02-05T10:00:00+02:00',
  },
  { type: 'decision', id: `d-${id}`, referralId: `r-${id}`, decidedAt: '2024-02-20T10:00:00+02:00', outcome: 'admitted' },
  { type: 'exploitation', personId: id, purpose: 'forced_labour', place: 'finland', main: true, minorAtTime: false },
  { type: 'termination', personId: id, at: '2024-06-03T12:00:00+03:00', reason: 'no_longer_needed' },
];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await importRegister(ctx, system, lines(...client('ended'), ...client('reopened')));
  const person = await ctx.db.selectFrom('persons').select('id').where('register_id', '=', 'reopened').executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('reopenings')
    .values({ id: randomUUID(), person_id: person.id, at: new Date('2024-09-02T09:00:00+03:00'), reason: 'sealed', reopened_by: null })
    .execute();
});
afterAll(() => ctx.close());

describe('a case reopened after assistance ended', () => {
  it('is a client at the year end and not among the year’s terminations', async () => {
    const year = yearBounds(2024);
    expect((await decisionCounts(ctx.db, year)).terminated).toBe(1);
    expect((await yearEndGroups(ctx.db, year)).reduce((sum, group) => sum + group.n, 0)).toBe(1);
    // Before the reopening, the termination stood.
    expect((await decisionCounts(ctx.db, yearBounds(2023))).terminated).toBe(0);
  });

  it('is exported without the termination a reopening followed, which is counted as left out', async () => {
    const exported = await exportedRegister(ctx.db, ctx.keyring);
    const terminations = exported.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'termination');
    expect(terminations).toEqual([expect.objectContaining({ personId: 'ended' })]);
    expect(exported.omitted).toBe(1);
  });
});
