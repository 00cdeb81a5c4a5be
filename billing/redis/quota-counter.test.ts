// Monthly quota counters against the local Redis: no overshoot under concurrency, months apart,
// unlimited tiers counted, refunds floor at zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisQuotaCounter, monthOf } from './quota-counter.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
const prefix = freshPrefix();
beforeAll(async () => { redis = await openTestRedis(); });
afterAll(async () => { await dropPrefix(redis, prefix); });

describe('RedisQuotaCounter', () => {
  it('never lets concurrent calls pass the limit', async () => {
    const quota = new RedisQuotaCounter(redis, prefix);
    const results = await Promise.all(Array.from({ length: 100 }, () => quota.consume('t1', 25)));
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    expect(await quota.used('t1')).toBe(25);
  });

  it('keeps months apart (UTC)', async () => {
    const quota = new RedisQuotaCounter(redis, prefix);
    const nov = new Date('2026-11-30T23:59:59Z');
    const dec = new Date('2026-12-01T00:00:00Z');
    expect(monthOf(nov)).toBe('2026-11');
    expect((await quota.consume('t2', 1, 1, nov)).allowed).toBe(true);
    expect((await quota.consume('t2', 1, 1, nov)).allowed).toBe(false);
    expect((await quota.consume('t2', 1, 1, dec)).allowed).toBe(true);
  });

  it('counts unlimited tiers without refusing', async () => {
    const quota = new RedisQuotaCounter(redis, prefix);
    for (let i = 0; i < 5; i++) expect((await quota.consume('t3', null)).allowed).toBe(true);
    expect(await quota.used('t3')).toBe(5);
  });

  it('refunds down to zero, never below', async () => {
    const quota = new RedisQuotaCounter(redis, prefix);
    await quota.consume('t4', 10, 2);
    await quota.refund('t4', 5);
    expect(await quota.used('t4')).toBe(0);
    await quota.refund('t4', 1);
    expect(await quota.used('t4')).toBe(0);
  });

  it('refuses invalid units', async () => {
    const quota = new RedisQuotaCounter(redis, prefix);
    await expect(quota.consume('t5', 10, -1)).rejects.toThrow(RangeError);
    await expect(quota.consume('t5', 10, 1.5)).rejects.toThrow(RangeError);
  });
});
