// The Redis quota store against the local Redis: no overshoot under concurrency, periods and SKUs
// apart, unlimited tiers counted, refunds floor at zero, bad units refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisQuotaStore } from './quota-store.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
const prefix = freshPrefix();
beforeAll(async () => { redis = await openTestRedis(); });
afterAll(async () => { await dropPrefix(redis, prefix); });

describe('RedisQuotaStore', () => {
  it('never lets concurrent calls pass the limit', async () => {
    const quota = new RedisQuotaStore(redis, prefix);
    const results = await Promise.all(Array.from({ length: 100 }, () => quota.consume('acme', 'promo:a:v1', '2026-11', 1, 25)));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok).every((r) => r.used === 25 && r.limit === 25)).toBe(true);
    expect(await quota.used('acme', 'promo:a:v1', '2026-11')).toBe(25);
  });

  it('keeps periods and SKUs apart', async () => {
    const quota = new RedisQuotaStore(redis, prefix);
    expect((await quota.consume('t2', 'a', '2026-11', 1, 1)).ok).toBe(true);
    expect((await quota.consume('t2', 'a', '2026-11', 1, 1)).ok).toBe(false);
    expect((await quota.consume('t2', 'a', '2026-12', 1, 1)).ok).toBe(true);
    expect((await quota.consume('t2', 'b', '2026-11', 1, 1)).ok).toBe(true);
  });

  it('counts unlimited tiers without refusing, and refuses a batch bigger than the limit whole', async () => {
    const quota = new RedisQuotaStore(redis, prefix);
    for (let i = 0; i < 5; i++) expect((await quota.consume('t3', 'a', '2026-11', 1, null)).ok).toBe(true);
    expect(await quota.used('t3', 'a', '2026-11')).toBe(5);
    expect(await quota.consume('t3', 'b', '2026-11', 11, 10)).toEqual({ ok: false, used: 0, limit: 10 });
  });

  it('refunds down to zero, never below', async () => {
    const quota = new RedisQuotaStore(redis, prefix);
    await quota.consume('t4', 'a', '2026-11', 2, 10);
    await quota.refund('t4', 'a', '2026-11', 5);
    expect(await quota.used('t4', 'a', '2026-11')).toBe(0);
    await quota.refund('t4', 'a', '2026-11', 1);
    expect(await quota.used('t4', 'a', '2026-11')).toBe(0);
  });

  it('refuses invalid units', async () => {
    const quota = new RedisQuotaStore(redis, prefix);
    await expect(quota.consume('t5', 'a', '2026-11', -1, 10)).rejects.toThrow(RangeError);
    await expect(quota.consume('t5', 'a', '2026-11', 1.5, 10)).rejects.toThrow(RangeError);
  });
});
