// RedemptionStore on Redis, shared by every runtime instance: a reserve checks stock, the customer's
// count and the budget and takes them in one Lua step (never overshooting, idempotent by key); a
// release gives back exactly what its redemption took, once. Budgets are integer cents in Redis.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LimitTotals, LimitsLeft, Redemption, ReserveOutcome, ReserveRequest, RedemptionStore } from '../stores.ts';
import { dec, isDecimalText, money } from '../decimal.ts';
import { fromCents, toCents } from './cents.ts';
import { withRedis } from './client.ts';
import { LuaScript } from './lua-script.ts';

const reserveScript = LuaScript.load('redeem-reserve');
const releaseScript = LuaScript.load('redeem-release');

/** How long a redemption can be released, and its Idempotency-Key (order id) is remembered. */
const RECORD_TTL_SECONDS = 180 * 86_400;

/** Integer cents of a money amount: rounded half-up to cents first, as money is everywhere. */
function centsOf(amount: string, what: string): bigint {
  if (!isDecimalText(amount)) throw new RangeError(`invalid ${what}: ${JSON.stringify(amount)}`);
  const cents = toCents(money(dec(amount)));
  if (cents === null) throw new RangeError(`invalid ${what}: ${JSON.stringify(amount)}`);
  return cents;
}

function pairsToRecord(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}

function toRedemption(r: Record<string, string>): Redemption {
  return {
    id: r.id!, tenant: r.tenant!, sku: r.sku!, key: r.key!,
    customer: r.hasCustomer === '1' ? r.customer! : null,
    units: Number(r.units), amount: r.amount ? r.amount : null,
    state: r.state === 'released' ? 'released' : 'held',
    result: JSON.parse(r.result ?? 'null'),
    createdAt: new Date(Number(r.createdAt)).toISOString(),
    releasedAt: r.releasedAt ? new Date(Number(r.releasedAt)).toISOString() : null,
  };
}

/**
 * Promotion limits over Redis, per tenant and SKU. Money limits fail closed: when Redis is
 * unreachable every method rejects with RedisUnavailableError (the runtime answers 503).
 */
export class RedisRedemptionStore implements RedemptionStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  /** Tenant and key are URI-encoded so no value can contain the `:` separating the parts. */
  private totalsKey(tenant: string, sku: string): string {
    return `${this.prefix}redeem:${encodeURIComponent(tenant)}:${sku}`;
  }

  private customersKey(tenant: string, sku: string): string {
    return `${this.totalsKey(tenant, sku)}:customers`;
  }

  private recordKey(id: string): string {
    return `${this.prefix}redemption:${id}`;
  }

  async reserve(req: ReserveRequest): Promise<ReserveOutcome> {
    const units = Math.max(0, req.units);
    if (!Number.isSafeInteger(units)) throw new RangeError(`invalid units: ${req.units}`);
    const amountCents = req.amount === null ? -1n : centsOf(req.amount, 'amount');
    const budgetCap = req.totals.budget === null ? -1n : centsOf(req.totals.budget, 'budget');
    const id = `rdm_${randomBytes(12).toString('hex')}`;
    const amountText = req.amount === null ? '' : money(dec(req.amount));
    const keys = [
      this.totalsKey(req.tenant, req.sku), this.customersKey(req.tenant, req.sku),
      `${this.prefix}redeem-key:${encodeURIComponent(req.tenant)}:${req.sku}:${encodeURIComponent(req.key)}`,
      this.recordKey(id),
    ];
    const result = JSON.stringify(req.result ?? null);
    const args = [
      req.totals.redemptions ?? -1, req.totals.perCustomer ?? -1, budgetCap.toString(), units,
      req.customer ?? '', req.customer === null ? '0' : '1', amountCents.toString(), id, amountText,
      RECORD_TTL_SECONDS, `${this.prefix}redemption:`,
      'tenant', req.tenant, 'sku', req.sku, 'key', req.key, 'result', result, 'createdAt', req.now,
    ];
    const reply = await withRedis('redemption reserve', () => reserveScript.run(this.redis, keys, args)) as [string, string[]?];
    switch (reply[0]) {
      case 'reserved':
        return {
          ok: true, replayed: false,
          redemption: {
            id, tenant: req.tenant, sku: req.sku, key: req.key, customer: req.customer, units,
            amount: amountText === '' ? null : amountText, state: 'held', result: JSON.parse(result),
            createdAt: new Date(req.now).toISOString(), releasedAt: null,
          },
        };
      case 'replay':
        return { ok: true, replayed: true, redemption: toRedemption(pairsToRecord(reply[1]!)) };
      default:
        return { ok: false, reason: reply[0] as 'sold-out' | 'customer-limit' | 'budget-exhausted' };
    }
  }

  async release(tenant: string, id: string, now: number): Promise<{ released: boolean; redemption: Redemption } | null> {
    if (!/^rdm_[0-9a-f]{24}$/.test(id)) return null;
    return withRedis('redemption release', async () => {
      const sku = await this.redis.hget(this.recordKey(id), 'sku');
      if (sku === null) return null;
      const reply = await releaseScript.run(
        this.redis, [this.totalsKey(tenant, sku), this.customersKey(tenant, sku), this.recordKey(id)], [tenant, now],
      ) as [string, string[]?];
      if (reply[0] === 'not-found') return null;
      return { released: reply[0] === 'released', redemption: toRedemption(pairsToRecord(reply[1]!)) };
    });
  }

  async get(tenant: string, id: string): Promise<Redemption | null> {
    if (!/^rdm_[0-9a-f]{24}$/.test(id)) return null;
    const record = await withRedis('redemption read', () => this.redis.hgetall(this.recordKey(id)));
    if (record.tenant !== tenant) return null;
    return toRedemption(record);
  }

  async left(tenant: string, sku: string, totals: LimitTotals): Promise<LimitsLeft> {
    const [redemptions, budgetCents] = await withRedis('redemption limits', () =>
      this.redis.hmget(this.totalsKey(tenant, sku), 'redemptions', 'budgetCents'));
    const held = Number(redemptions ?? '0');
    const heldCents = BigInt(budgetCents ?? '0');
    const cap = totals.budget === null ? null : centsOf(totals.budget, 'budget');
    return {
      sku,
      redemptions: {
        total: totals.redemptions, held,
        remaining: totals.redemptions === null ? null : Math.max(0, totals.redemptions - held),
      },
      budget: {
        total: cap === null ? null : fromCents(cap),
        held: fromCents(heldCents),
        remaining: cap === null ? null : fromCents(cap > heldCents ? cap - heldCents : 0n),
      },
      perCustomer: totals.perCustomer,
    };
  }
}
