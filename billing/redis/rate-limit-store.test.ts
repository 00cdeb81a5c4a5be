// The Redis rate limit store against the local Redis: exact limits under concurrency from two
// connections (two instances), the numbers behind the RateLimit-* headers, and the window sliding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisRateLimitStore } from './rate-limit-store.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
let other: Redis;
const prefix = freshPrefix();
beforeAll(async () => { redis = await openTestRedis(); other = await openTestRedis(); });
afterAll(async () => { other.disconnect(); await dropPrefix(redis, prefix); });

describe('RedisRateLimitStore', () => {
  it('admits exactly the limit out of a concurrent burst from two connections', async () => {
    const a = new RedisRateLimitStore(redis, prefix);
    const b = new RedisRateLimitStore(other, prefix);
    const decisions = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hit('burst', 7, 10_000, Date.now())));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused).toHaveLength(53);
    for (const d of refused) {
      expect(d).toMatchObject({ limit: 7, remaining: 0 });
      expect(d.resetMs).toBeGreaterThan(0);
      expect(d.resetMs).toBeLessThanOrEqual(10_000);
    }
  });

  it('counts remaining down and admits again once the window has slid past', async () => {
    const store = new RedisRateLimitStore(redis, prefix);
    expect(await store.hit('slide', 2, 300, 0)).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    expect(await store.hit('slide', 2, 300, 0)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await store.hit('slide', 2, 300, 0)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await store.hit('slide', 2, 300, 0)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('never admits more than the limit in any window, unlike fixed windows at their boundary', async () => {
    const store = new RedisRateLimitStore(redis, prefix);
    // Each admission happened (on Redis' clock, the same machine's) between the client's send and
    // its reply: [sent, answered]. A loaded client may see replies late; bracketing keeps the check
    // exact whatever the delay: admission i+5 minus admission i is at most answered[i+5] - sent[i].
    const admitted: { sent: number; answered: number }[] = [];
    const deadline = Date.now() + 5000;
    while (admitted.length < 12 && Date.now() < deadline) {
      const sent = Date.now();
      if ((await store.hit('boundary', 5, 200, 0)).allowed) admitted.push({ sent, answered: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(admitted.length).toBeGreaterThanOrEqual(10);
    // With at most 5 per 200 ms window, the 6th admission after any admission is a window later.
    for (let i = 0; i + 5 < admitted.length; i++) expect(admitted[i + 5]!.answered - admitted[i]!.sent).toBeGreaterThanOrEqual(199);
  });

  it('keeps keys apart', async () => {
    const store = new RedisRateLimitStore(redis, prefix);
    expect((await store.hit('one', 1, 10_000, 0)).allowed).toBe(true);
    expect((await store.hit('one', 1, 10_000, 0)).allowed).toBe(false);
    expect((await store.hit('two', 1, 10_000, 0)).allowed).toBe(true);
  });
});
