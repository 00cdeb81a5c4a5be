// Promotion limits shared by every runtime instance: each redeem reserves its redemption, its
// customer's share and its budget in one Lua step (never overshooting, idempotent by key), and a
// release gives them back exactly once. Budgets are integer cents, never floating point.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { withRedis } from './client.ts';
import { fromCents, toCents } from './cents.ts';
import { LuaScript } from './lua-script.ts';

const reserveScript = LuaScript.load('redeem-reserve');
const releaseScript = LuaScript.load('redeem-release');

/** An Idempotency-Key is remembered for a day, as Stripe does. */
const IDEMPOTENCY_TTL_SECONDS = 86_400;
/** A redemption can be released for 90 days. */
const RECORD_TTL_SECONDS = 90 * 86_400;

/** The caps a Promotion declares in `spec.limits` (null: no cap). Budget is a money string. */
export interface RedemptionCaps {
  redemptions: number | null;
  perCustomer: number | null;
  budget: string | null;
}

/** What one redemption takes: the `limits` member of the Promotion's output. */
export interface RedemptionTake {
  redemptions: number | null;
  customer: string | null;
  budget: string | null;
}

/** Outcome of a reserve. `replayed` is true when the Idempotency-Key was seen before. */
export type ReserveOutcome =
  | { ok: true; redemptionId: string; replayed: boolean }
  | { ok: false; code: 'sold-out' | 'customer-limit' | 'budget-exhausted' };

/** Outcome of a release. */
export type ReleaseOutcome = 'released' | 'already-released' | 'not-found';

/** What is left of a promotion's limits (null members: no cap declared). */
export interface LimitsLeft {
  redemptions: { limit: number; used: number; left: number } | null;
  budget: { limit: string; used: string; left: string } | null;
}

function capCents(text: string | null, what: string): bigint {
  if (text === null) return -1n;
  const cents = toCents(text);
  if (cents === null) throw new RangeError(`invalid ${what}: ${JSON.stringify(text)}`);
  return cents;
}

function checkCount(value: number | null, what: string): number {
  if (value === null) return -1;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`invalid ${what}: ${value}`);
  return value;
}

/**
 * Redemption limits over Redis. `scope` names one set of counters — the runtime uses the tenant
 * and SKU (`acme|promo:flash:v1`), so each merchant's stock and budget are its own.
 */
export class RedisRedemptionLedger {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private counterKeys(scope: string): [string, string, string] {
    const base = `${this.prefix}redeem:${scope}:`;
    return [`${base}used`, `${base}budget`, `${base}customers`];
  }

  private recordKey(id: string): string {
    return `${this.prefix}redemption:${id}`;
  }

  /**
   * Reserves `take` against `caps` for `scope`, idempotent by `idempotencyKey` (a replay returns
   * the first redemption's id and reserves nothing). Refuses with the first limit that would be
   * passed, checked in the order redemptions, customer, budget. Rejects with RedisUnavailableError
   * when Redis is down (money limits fail closed).
   */
  async reserve(input: {
    scope: string;
    owner: string;
    idempotencyKey: string;
    caps: RedemptionCaps;
    take: RedemptionTake;
  }): Promise<ReserveOutcome> {
    const { scope, owner, idempotencyKey, caps, take } = input;
    const units = take.redemptions === null ? (caps.redemptions !== null || caps.perCustomer !== null ? 1 : 0) : checkCount(take.redemptions, 'redemptions');
    const budgetCents = take.budget === null ? 0n : capCents(take.budget, 'budget');
    const customer = caps.perCustomer !== null ? (take.customer ?? '') : '';
    const id = `rdm_${randomUUID().replaceAll('-', '')}`;
    const keys = [...this.counterKeys(scope), `${this.prefix}redeem-idem:${scope}:${idempotencyKey}`, this.recordKey(id)];
    const args = [
      checkCount(caps.redemptions, 'redemptions cap'), checkCount(caps.perCustomer, 'perCustomer cap'),
      capCents(caps.budget, 'budget cap').toString(), units, customer, budgetCents.toString(),
      id, scope, owner, IDEMPOTENCY_TTL_SECONDS, RECORD_TTL_SECONDS,
    ];
    const reply = await withRedis('redemption reserve', () => reserveScript.run(this.redis, keys, args)) as [string, string?];
    if (reply[0] === 'reserved') return { ok: true, redemptionId: reply[1]!, replayed: false };
    if (reply[0] === 'replay') return { ok: true, redemptionId: reply[1]!, replayed: true };
    return { ok: false, code: reply[0] as 'sold-out' | 'customer-limit' | 'budget-exhausted' };
  }

  /** Gives back what redemption `id` reserved, once; only its owner may release it. */
  async release(id: string, owner: string): Promise<ReleaseOutcome> {
    if (!/^rdm_[0-9a-f]{32}$/.test(id)) return 'not-found';
    return withRedis('redemption release', async () => {
      const scope = await this.redis.hget(this.recordKey(id), 'scope');
      if (scope === null) return 'not-found';
      return await releaseScript.run(this.redis, [...this.counterKeys(scope), this.recordKey(id)], [owner]) as ReleaseOutcome;
    });
  }

  /** What is left of `scope`'s limits under `caps`. */
  async left(scope: string, caps: RedemptionCaps): Promise<LimitsLeft> {
    const [usedKey, budgetKey] = this.counterKeys(scope);
    const [used, budget] = await withRedis('redemption limits', () => this.redis.mget(usedKey, budgetKey));
    const usedCount = Number(used ?? '0');
    const usedCents = BigInt(budget ?? '0');
    const capBudget = caps.budget === null ? null : capCents(caps.budget, 'budget cap');
    return {
      redemptions: caps.redemptions === null ? null
        : { limit: caps.redemptions, used: usedCount, left: Math.max(0, caps.redemptions - usedCount) },
      budget: capBudget === null ? null : {
        limit: fromCents(capBudget), used: fromCents(usedCents),
        left: fromCents(capBudget > usedCents ? capBudget - usedCents : 0n),
      },
    };
  }
}
