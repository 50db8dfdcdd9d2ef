import { describe, expect, it } from 'vitest';
import { demoRegisterLines } from './demoRegister.ts';
import { validateExchangeFile } from './validateExchangeFile.ts';

const generate = (seed: number, clients = 400) => [...demoRegisterLines({ clients, fromYear: 2018, toYear: 2021, seed })].join('\n');

describe('the synthetic register', () => {
  it('is a valid exchange file with every kind of line', async () => {
    const { lines, problems } = await validateExchangeFile(generate(7));
    expect(problems).toEqual([]);
    const types = new Set(lines.map((line) => line.type));
    expect([...types].sort()).toEqual([
      'child',
      'decision',
      'exploitation',
      'identification',
      'person',
      'referral',
      'reflection_period',
      'residence',
      'termination',
      'withdrawal',
    ]);
    expect(lines.filter((line) => line.type === 'person')).toHaveLength(400);
  });

  it('is the same for the same seed and different for another', () => {
    expect(generate(42, 50)).toBe(generate(42, 50));
    expect(generate(43, 50)).not.toBe(generate(42, 50));
  });

  it('spreads referrals over the requested years, with most referrals admitted', async () => {
    const { lines } = await validateExchangeFile(generate(3));
    const years = new Set(lines.filter((line) => line.type === 'referral').map((line) => line.fields.receivedAt.slice(0, 4)));
    expect([...years].sort()).toEqual(['2018', '2019', '2020', '2021']);
    const outcomes = lines.filter((line) => line.type === 'decision').map((line) => line.fields.outcome);
    expect(outcomes.filter((outcome) => outcome === 'admitted').length).toBeGreaterThan(outcomes.length / 2);
  });
});
