// RateLimitStore on Redis, shared by every runtime instance: an exact sliding-window log (one sorted
// set per limited key), so "N per second" means at most N admitted calls in any window of 1 s.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimitDecision, RateLimitStore } from '../stores.ts';
import { withRedis } from './client.ts';
import { LuaScript } from './lua-script.ts';

const script = LuaScript.load('sliding-window');

/**
 * Sliding-window rate limits over Redis. Each admitted call is one member of a sorted set that
 * expires with the window, so memory is bounded by the limit per key. The clock is Redis' own, so
 * instances with skewed clocks agree; the `now` argument of the interface is therefore not used.
 * When Redis is unreachable, `hit` rejects with RedisUnavailableError: rate limits fail closed (503).
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async hit(key: string, limit: number, windowMs: number, _now?: number): Promise<RateLimitDecision> {
    const reply = await withRedis('rate limit', () =>
      script.run(this.redis, [`${this.prefix}rl:${key}`], [limit, windowMs, randomUUID()]),
    ) as [number, number, number];
    return { allowed: reply[0] === 1, limit, remaining: Math.max(0, reply[1]), resetMs: Math.max(0, reply[2]) };
  }
}
