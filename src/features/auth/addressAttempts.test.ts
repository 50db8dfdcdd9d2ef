import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { limitAttempts } from './addressAttempts.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const hour = 60 * 60 * 1000;

describe('per-address limits', () => {
  it('refuses the attempt after the last allowed one, with the translated error of what it guards', async () => {
    const now = new Date('2026-12-02T10:00:00Z');
    for (let attempt = 0; attempt < 10; attempt++) await limitAttempts(ctx, 'public_referral', '203.0.113.7', 10, now);
    await expect(limitAttempts(ctx, 'public_referral', '203.0.113.7', 10, now)).rejects.toMatchObject({
      status: 429,
      code: 'too_many_referrals',
    });
    // Another address, and the same address at another door, count on their own.
    await limitAttempts(ctx, 'public_referral', '203.0.113.8', 10, now);
    await limitAttempts(ctx, 'guide_consultation', '203.0.113.7', 10, now);
    // Once the window is over the address may try again.
    await limitAttempts(ctx, 'public_referral', '203.0.113.7', 10, new Date(now.getTime() + hour + 1));
  });

  it('keeps no address in the database, only a keyed hash of it', async () => {
    await limitAttempts(ctx, 'login', '198.51.100.23', 5);
    const rows = await ctx.db.selectFrom('address_attempts').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113|198\.51\.100/);
  });
});
