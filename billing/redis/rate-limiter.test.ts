// The Redis rate limiter against the local Redis: exact limits under concurrency, headers' numbers,
// and parsing of `billing.rateLimit`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisRateLimiter, parseRateLimit } from './rate-limiter.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
const prefix = freshPrefix();
beforeAll(async () => { redis = await openTestRedis(); });
afterAll(async () => { await dropPrefix(redis, prefix); });

describe('parseRateLimit', () => {
  it('reads <int>/(s|m|h|d)', () => {
    expect(parseRateLimit('100/s')).toEqual({ limit: 100, windowMs: 1000 });
    expect(parseRateLimit('5/m')).toEqual({ limit: 5, windowMs: 60_000 });
    expect(parseRateLimit('2/h')).toEqual({ limit: 2, windowMs: 3_600_000 });
    expect(parseRateLimit('1/d')).toEqual({ limit: 1, windowMs: 86_400_000 });
  });
  it('refuses malformed limits', () => {
    for (const bad of ['', '0/s', '-1/s', '1.5/s', '10/w', '10', '/s', 'ten/s']) expect(parseRateLimit(bad)).toBeNull();
  });
});

describe('RedisRateLimiter', () => {
  it('admits exactly the limit out of a concurrent burst, from two clients', async () => {
    const other = await openTestRedis();
    try {
      const a = new RedisRateLimiter(redis, prefix);
      const b = new RedisRateLimiter(other, prefix);
      const decisions = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hit('burst', 7, 10_000)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
      const refused = decisions.filter((d) => !d.allowed);
      expect(refused).toHaveLength(53);
      for (const d of refused) {
        expect(d.remaining).toBe(0);
        expect(d.resetMs).toBeGreaterThan(0);
        expect(d.resetMs).toBeLessThanOrEqual(10_000);
      }
    } finally {
      other.disconnect();
    }
  });

  it('counts down remaining and admits again once the window slides', async () => {
    const limiter = new RedisRateLimiter(redis, prefix);
    expect(await limiter.hit('slide', 2, 300)).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    expect(await limiter.hit('slide', 2, 300)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.hit('slide', 2, 300)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await limiter.hit('slide', 2, 300)).allowed).toBe(true);
  });

  it('keeps subjects apart', async () => {
    const limiter = new RedisRateLimiter(redis, prefix);
    expect((await limiter.hit('one', 1, 10_000)).allowed).toBe(true);
    expect((await limiter.hit('one', 1, 10_000)).allowed).toBe(false);
    expect((await limiter.hit('two', 1, 10_000)).allowed).toBe(true);
  });
});
