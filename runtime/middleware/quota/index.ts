// Quota middleware: the monthly call quota of the subscription's SLA tier, counted per tenant (or per
// key, by the SKU's quotaScope) and SKU. Units are taken before the call and the ones that were not
// billed (failures, replays, failed batch inputs) are given back after it, so the count never overshoots.
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { QuotaStore, SlaTierStore } from '../../../billing/stores.ts';
import { monthRange, periodOf } from '../../../billing/period.ts';
import { resetSeconds } from '../../../billing/rate-limit.ts';
import { problem } from '../../problem.ts';
import { limitScope, type SkuBillingLookup } from '../rate-limit/sku-billing.ts';
import { setRateLimitHeaders } from '../rate-limit/index.ts';

export interface QuotaOptions {
  quotas: QuotaStore;
  slaTiers: SlaTierStore;
  billingOf: SkuBillingLookup;
  /** Units the call asks for: 1, or the number of inputs of a batch (see {@link batchUnits}). */
  units?: (c: Context<Env>) => Promise<number>;
  now?: () => number;
}

/** Units of a batch call: the length of `inputs` (1 when the body is not a batch; validation answers it). */
export async function batchUnits(c: Context<Env>): Promise<number> {
  try {
    const body = (await c.req.json()) as { inputs?: unknown };
    return Array.isArray(body?.inputs) ? Math.max(1, body.inputs.length) : 1;
  } catch {
    return 1;
  }
}

/**
 * Quota middleware; put it after entitlement (reads `subscription`, `sku`, `principal`) and the rate
 * limit. A batch is admitted whole or refused whole (402 when its inputs do not all fit).
 *
 * @example
 * app.post('/v1/skus/:sku/batch', ..., quota({ quotas, slaTiers, billingOf, units: batchUnits }), ...)
 */
export function quota(options: QuotaOptions): MiddlewareHandler<Env> {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const at = now();
    const period = periodOf(at);
    const sla = c.get('subscription').sla;
    const tier = (await options.slaTiers.tableFor(period))[sla];
    const limit = tier ? tier.monthlyQuota : null;
    if (limit === null) return next(); // unlimited tier: nothing to count
    const entry = c.get('sku');
    const billing = await options.billingOf(entry);
    const scope = limitScope(billing.quotaScope, c.get('principal'));
    const sku = entry.record.id;
    const units = options.units ? await options.units(c) : 1;
    let decision;
    try {
      decision = await options.quotas.consume(scope, sku, period, units, limit);
    } catch {
      return problem(c, 503, 'limits-unavailable', 'The quota store does not answer; retry shortly');
    }
    const monthEnd = monthRange(period)!.to;
    const showHeaders = !billing.rate; // the rate limit's own headers win when the SKU has one
    if (!decision.ok) {
      if (showHeaders) setRateLimitHeaders(c, limit, Math.max(0, limit - decision.used), resetSeconds(monthEnd - at));
      return problem(c, 402, 'quota-exceeded', `The ${sla} tier allows ${limit} calls of ${sku} a month`, {
        limit, used: decision.used, requested: units, period, sla,
      });
    }
    if (showHeaders) setRateLimitHeaders(c, limit, Math.max(0, limit - decision.used), resetSeconds(monthEnd - at));
    try {
      await next();
    } finally {
      const billed = c.res.status >= 200 && c.res.status < 300 ? Math.min(units, Number(c.get('units') ?? 0)) : 0;
      if (billed < units) await options.quotas.refund(scope, sku, period, units - billed).catch(() => undefined);
    }
    // A replay (its own Response) or a refund (fewer units used than taken) needs the headers again.
    const billed = Math.min(units, Number(c.get('units') ?? 0));
    if (showHeaders && (billed < units || !c.res.headers.has('ratelimit-limit'))) {
      setRateLimitHeaders(c, limit, Math.max(0, limit - decision.used + (units - billed)), resetSeconds(monthEnd - at));
    }
  };
}
