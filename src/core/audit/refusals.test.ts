import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit.ts';
import { RefusalLog } from './refusals.ts';

function logWithClock(limits = { windowMs: 10 * 60_000, perMinute: 3, maxKinds: 100 }) {
  const written: AuditEntry[] = [];
  let now = 1_000_000;
  const log = new RefusalLog(
    async (entry) => void written.push(entry),
    limits,
    () => now,
  );
  return { log, written, advance: (ms: number) => (now += ms) };
}
const refusal = (ip: string) => ({ actorId: null, action: 'csrf', ip, details: { reason: 'origin' } });

describe('the refusal log', () => {
  it('writes the first refusal of a kind, counts its repeats and writes the count when the window closes', async () => {
    const { log, written, advance } = logWithClock();
    for (let i = 0; i < 5; i++) await log.refuse(refusal('a'), 'origin');
    expect(written).toHaveLength(1);
    advance(11 * 60_000);
    await log.flush();
    expect(written.map((entry) => entry.details)).toEqual([
      { reason: 'origin' },
      expect.objectContaining({ reason: 'origin', repeats: 4 }),
    ]);
    await log.close();
  });

  it('holds a flood from many addresses to a rate, and says how many it left out', async () => {
    const { log, written, advance } = logWithClock();
    for (const ip of ['a', 'b', 'c', 'd', 'e']) await log.refuse(refusal(ip), 'origin');
    expect(written).toHaveLength(3);
    advance(60_000);
    await log.refuse(refusal('f'), 'origin');
    expect(written.at(-1)!.details).toEqual({ reason: 'origin', unlogged: 2 });
    await log.close();
  });
});
