// Rate limits shared by every runtime instance: an exact sliding-window log in Redis (one sorted
// set per limited subject), so "N per second" means at most N admitted calls in any window of 1 s.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { withRedis } from './client.ts';
import { LuaScript } from './lua-script.ts';

const script = LuaScript.load('sliding-window');

/** The answer for one call, enough to write the RateLimit-* and Retry-After headers. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until one more call would be admitted (the oldest admitted call leaves the window). */
  resetMs: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a SKU's `billing.rateLimit` (`<int>/(s|m|h|d)`), or null when it is malformed. */
export function parseRateLimit(text: string): { limit: number; windowMs: number } | null {
  const match = /^\s*(\d{1,9})\s*\/\s*([smhd])\s*$/.exec(text);
  if (!match) return null;
  const limit = Number(match[1]);
  if (limit < 1) return null;
  return { limit, windowMs: UNIT_MS[match[2]!]! };
}

/**
 * Sliding-window rate limiter over Redis. Each admitted call is one member of a sorted set that
 * expires with the window, so memory is bounded by the limit per subject.
 */
export class RedisRateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  /**
   * Admits or refuses one call for `subject` (e.g. `tenant:acme:sku:promo:x:v1`).
   * Rejects with RedisUnavailableError when Redis is down: rate limits then fail closed (503).
   */
  async hit(subject: string, limit: number, windowMs: number): Promise<RateDecision> {
    const reply = await withRedis('rate limit', () =>
      script.run(this.redis, [`${this.prefix}rl:${subject}`], [limit, windowMs, randomUUID()]),
    ) as [number, number, number];
    return { allowed: reply[0] === 1, limit, remaining: Math.max(0, reply[1]), resetMs: Math.max(0, reply[2]) };
  }
}
