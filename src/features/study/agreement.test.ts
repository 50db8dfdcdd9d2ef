import { describe, expect, it } from 'vitest';
import { agreementOn, disagreements } from './agreement.ts';

describe('agreement between two coders, on characters as NVivo computes it', () => {
  it('follows the worked example: 1,000 characters, 50 coded by both, 100 by A only, 50 by B only', () => {
    // A codes 0–150, B codes 100–200: both 100–150 (50), A only 0–100 (100), B only 150–200 (50), neither 800.
    const result = agreementOn(1000, [{ start: 0, end: 150 }], [{ start: 100, end: 200 }]);
    expect(result).toMatchObject({ characters: 1000, codedByA: 150, codedByB: 100, both: 50, neither: 800 });
    // Percentage agreement (800 + 50) / 1000 = 85 %.
    expect(result.percentage).toBe(85);
    // ΣEF = 150 × 100 / 1000 + 850 × 900 / 1000 = 15 + 765 = 780; K = (850 − 780) / (1000 − 780) = 70 / 220.
    expect(result.kappa).toBeCloseTo(70 / 220, 12);
  });

  it('is 1 when the coders agree completely, also when neither coded, and 0 or less when one coded nothing', () => {
    expect(agreementOn(100, [{ start: 10, end: 20 }], [{ start: 10, end: 20 }]).kappa).toBe(1);
    expect(agreementOn(100, [], []).kappa).toBe(1);
    expect(agreementOn(100, [{ start: 0, end: 30 }], []).kappa).toBe(0);
    expect(agreementOn(100, [{ start: 0, end: 50 }], [{ start: 50, end: 100 }]).kappa).toBe(-1);
  });

  it('counts overlapping segments of one coder once', () => {
    const result = agreementOn(
      10,
      [
        { start: 0, end: 6 },
        { start: 4, end: 8 },
      ],
      [{ start: 0, end: 8 }],
    );
    expect(result).toMatchObject({ codedByA: 8, both: 8, percentage: 100, kappa: 1 });
  });

  it('lists the spans coded by only one of the two', () => {
    expect(disagreements(20, [{ start: 0, end: 10 }], [{ start: 5, end: 15 }])).toEqual([
      { start: 0, end: 5, codedBy: 'a' },
      { start: 10, end: 15, codedBy: 'b' },
    ]);
    expect(disagreements(10, [{ start: 5, end: 10 }], [])).toEqual([{ start: 5, end: 10, codedBy: 'a' }]);
  });
});
