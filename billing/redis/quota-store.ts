// QuotaStore on Redis, shared by every runtime instance: one counter per scope, SKU and month,
// checked and incremented in one Lua step so concurrent calls cannot overshoot the SLA tier's quota.
import type { Redis } from 'ioredis';
import type { QuotaDecision, QuotaStore } from '../stores.ts';
import { withRedis } from './client.ts';
import { LuaScript } from './lua-script.ts';

const consumeScript = LuaScript.load('quota');
const refundScript = LuaScript.load('quota-refund');

/** A counter outlives its month by a few weeks, so late reads of the previous month still work. */
const TTL_SECONDS = 70 * 86_400;

function checkUnits(units: number): void {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`invalid quota units: ${units}`);
}

/** Monthly quota counters over Redis. Fails closed (RedisUnavailableError → 503) when Redis is down. */
export class RedisQuotaStore implements QuotaStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(scope: string, sku: string, period: string): string {
    return `${this.prefix}quota:${period}:${scope}:${sku}`;
  }

  async consume(scope: string, sku: string, period: string, units: number, limit: number | null): Promise<QuotaDecision> {
    checkUnits(units);
    const reply = await withRedis('quota', () =>
      consumeScript.run(this.redis, [this.key(scope, sku, period)], [limit ?? -1, units, TTL_SECONDS]),
    ) as [number, number];
    return { ok: reply[0] === 1, used: reply[1], limit };
  }

  async refund(scope: string, sku: string, period: string, units: number): Promise<void> {
    checkUnits(units);
    if (units === 0) return;
    await withRedis('quota refund', () => refundScript.run(this.redis, [this.key(scope, sku, period)], [units]));
  }

  async used(scope: string, sku: string, period: string): Promise<number> {
    const value = await withRedis('quota read', () => this.redis.get(this.key(scope, sku, period)));
    return value === null ? 0 : Number(value);
  }
}
