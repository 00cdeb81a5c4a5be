// The timing harness: median, and that measure() really calls the engine and reports a rate.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { measure, measureInterleaved, median } from './measure.ts';
import { ratio, resultsTable } from './table.ts';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
  it('lies between the minimum and the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1 }), (xs) => {
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
      }),
    );
  });
});

describe('measure', () => {
  it('runs warm-up plus timed passes over every cart, sync and async', async () => {
    let calls = 0;
    const sync = await measure({ name: 's', async: false, run: () => ++calls }, [1, 2, 3], 2, 3);
    expect(calls).toBe(15);
    expect(sync.rounds).toHaveLength(3);
    expect(sync.opsPerSec).toBeGreaterThan(0);
    calls = 0;
    const asy = await measure({ name: 'a', async: true, run: async () => ++calls }, [1, 2], 1, 2);
    expect(calls).toBe(6);
    expect(asy.rounds).toHaveLength(2);
  });
});

describe('measureInterleaved', () => {
  it('alternates the contestants round by round after their warm-ups', async () => {
    const log: string[] = [];
    const c = (name: string) => ({ name, async: false, run: () => (log.push(name), 1) });
    const results = await measureInterleaved([c('a'), c('b')], [0], 1, 2);
    expect(log.join('')).toBe('ababab');
    expect(results.map((r) => [r.name, r.rounds.length])).toEqual([['a', 2], ['b', 2]]);
  });
});

describe('resultsTable', () => {
  const results = [
    { name: 'fast', opsPerSec: 1000, rounds: [1000] },
    { name: 'slow', opsPerSec: 10, rounds: [10] },
    { name: 'faster', opsPerSec: 4000, rounds: [4000] },
  ];
  it('shows each engine against the baseline', () => {
    const table = resultsTable(results, 'fast');
    expect(table).toContain('| fast | 1,000 | 1000.00 | 1x |');
    expect(table).toContain('| slow | 10 | 100000.00 | 100.0x faster |');
    expect(table).toContain('| faster | 4,000 | 250.00 | 4.0x slower |');
    expect(ratio(results, 'fast', 'slow')).toBe(100);
    expect(() => resultsTable(results, 'missing')).toThrow();
  });
});
