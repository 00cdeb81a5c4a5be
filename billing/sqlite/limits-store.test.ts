// Rate-limit windows and monthly quotas: never more than the limit, exact at the edge.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SqliteRateLimitStore } from './rate-limit-store.ts';
import { SqliteQuotaStore } from './quota-store.ts';
import { createTestDatabase } from './test-db.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function setup() {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  return { ...t, rate: new SqliteRateLimitStore(t.db), quota: new SqliteQuotaStore(t.db) };
}

describe('SqliteRateLimitStore', () => {
  it('admits exactly the limit in one window, then again in the next', async () => {
    const { rate } = setup();
    const now = 10_000_500;
    const hits = await Promise.all(Array.from({ length: 25 }, () => rate.hit('k', 10, 1000, now)));
    expect(hits.filter((h) => h.allowed)).toHaveLength(10);
    expect(hits.filter((h) => h.allowed).map((h) => h.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(hits.find((h) => !h.allowed)).toEqual({ allowed: false, limit: 10, remaining: 0, resetMs: 500 });
    expect((await rate.hit('k', 10, 1000, 10_001_000)).allowed).toBe(true);
    expect((await rate.hit('other', 10, 1000, now)).allowed).toBe(true);
  });

  it('property: per window, admitted = min(limit, hits) for any arrival times', async () => {
    const { rate } = setup();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 60 }), async (limit, offsets) => {
        const key = `run-${run++}`;
        const times = [...offsets].sort((a, b) => a - b);
        const perWindow = new Map<number, { hits: number; allowed: number }>();
        for (const t of times) {
          const d = await rate.hit(key, limit, 1000, t);
          const w = perWindow.get(Math.floor(t / 1000)) ?? { hits: 0, allowed: 0 };
          w.hits++;
          if (d.allowed) w.allowed++;
          perWindow.set(Math.floor(t / 1000), w);
        }
        for (const w of perWindow.values()) expect(w.allowed).toBe(Math.min(limit, w.hits));
      }),
      { numRuns: 40 },
    );
  });
});

describe('SqliteQuotaStore', () => {
  it('stops exactly at the limit under concurrency, and refunds', async () => {
    const { quota } = setup();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => quota.consume('t1', 'sku', '2026-11', 1, 20)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(20);
    expect(await quota.used('t1', 'sku', '2026-11')).toBe(20);
    await quota.refund('t1', 'sku', '2026-11', 2);
    expect(await quota.consume('t1', 'sku', '2026-11', 3, 20)).toEqual({ ok: false, used: 18, limit: 20 });
    expect(await quota.consume('t1', 'sku', '2026-11', 2, 20)).toEqual({ ok: true, used: 20, limit: 20 });
    expect((await quota.consume('t1', 'sku', '2026-12', 1, 20)).ok).toBe(true);
  });

  it('refuses a batch larger than the limit on a fresh counter and never goes below zero', async () => {
    const { quota } = setup();
    expect(await quota.consume('t1', 'sku', '2026-11', 21, 20)).toEqual({ ok: false, used: 0, limit: 20 });
    expect(await quota.consume('t1', 'sku', '2026-11', 5, null)).toEqual({ ok: true, used: 5, limit: null });
    await quota.refund('t1', 'sku', '2026-11', 50);
    expect(await quota.used('t1', 'sku', '2026-11')).toBe(0);
  });
});
