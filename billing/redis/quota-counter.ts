// Monthly call quotas shared by every runtime instance: one Redis counter per subject and month,
// checked and incremented in one Lua step so concurrent calls cannot overshoot the SLA tier's quota.
import type { Redis } from 'ioredis';
import { withRedis } from './client.ts';
import { LuaScript } from './lua-script.ts';

const script = LuaScript.load('quota');
const refundScript = LuaScript.load('quota-refund');

/** A counter outlives its month by a few days, so late reads of the previous month still work. */
const TTL_SECONDS = 40 * 86_400;

/** The answer for one call against a monthly quota. */
export interface QuotaDecision {
  allowed: boolean;
  /** Calls counted in the month, including this one when it was allowed. */
  used: number;
  /** The limit, or null when the tier is unlimited. */
  limit: number | null;
}

/** `YYYY-MM` of an instant in UTC: quotas reset on the first of the month, UTC. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Monthly quota counters over Redis. */
export class RedisQuotaCounter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(subject: string, month: string): string {
    return `${this.prefix}quota:${month}:${subject}`;
  }

  /**
   * Consumes `units` of `subject`'s quota for the month of `at` unless that would pass `limit`
   * (null = unlimited: still counted, never refused). Fails closed (RedisUnavailableError) when
   * Redis is down.
   */
  async consume(subject: string, limit: number | null, units = 1, at = new Date()): Promise<QuotaDecision> {
    if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`invalid quota units: ${units}`);
    const reply = await withRedis('quota', () =>
      script.run(this.redis, [this.key(subject, monthOf(at))], [limit ?? -1, units, TTL_SECONDS]),
    ) as [number, number];
    return { allowed: reply[0] === 1, used: reply[1], limit };
  }

  /** Gives back units of a call that was counted but then failed (never below zero). */
  async refund(subject: string, units = 1, at = new Date()): Promise<void> {
    if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`invalid quota units: ${units}`);
    await withRedis('quota refund', () => refundScript.run(this.redis, [this.key(subject, monthOf(at))], [units]));
  }

  /** Calls counted so far in the month of `at`. */
  async used(subject: string, at = new Date()): Promise<number> {
    const value = await withRedis('quota read', () => this.redis.get(this.key(subject, monthOf(at))));
    return value === null ? 0 : Number(value);
  }
}
