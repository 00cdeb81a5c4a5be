// Quota middleware: the monthly call quota of the subscription's SLA tier, counted per tenant (or per
// key, by the SKU's quotaScope) and SKU. Units are taken before the call and the ones that were not
// billed (failures, replays, failed batch inputs) are given back after it, so the count never overshoots.
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { QuotaDecision, QuotaStore, SlaTierStore } from '../../../billing/stores.ts';
import type { SkuEntry } from '../../catalog-cache.ts';
import { monthRange, periodOf } from '../../../billing/period.ts';
import { resetSeconds } from '../../../billing/rate-limit.ts';
import { problem } from '../../problem.ts';
import { readJsonBody } from '../../body.ts';
import { limitScope, type SkuBilling, type SkuBillingLookup } from '../rate-limit/sku-billing.ts';
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
    const body = (await readJsonBody(c)) as { inputs?: unknown };
    return Array.isArray(body?.inputs) ? Math.max(1, body.inputs.length) : 1;
  } catch {
    return 1;
  }
}

/** One SKU's units taken from its monthly quota (see {@link takeQuota}). */
export interface QuotaTake {
  scope: string;
  sku: string;
  period: string;
  limit: number;
  units: number;
  decision: QuotaDecision;
  /** Seconds until the month (the quota's period) ends. */
  resetS: number;
}

/**
 * Takes `units` of a SKU's monthly quota for the caller (the middleware's core, also used by apply for
 * each promotion it evaluates). Null for an unlimited tier; throws when the store fails.
 */
export async function takeQuota(
  options: QuotaOptions,
  entry: SkuEntry,
  billing: SkuBilling,
  sla: string,
  principal: { tenantId: string; keyId: string },
  units: number,
): Promise<QuotaTake | null> {
  const at = (options.now ?? Date.now)();
  const period = periodOf(at);
  const tier = (await options.slaTiers.tableFor(period))[sla];
  const limit = tier ? tier.monthlyQuota : null;
  if (limit === null) return null; // unlimited tier: nothing to count
  const scope = limitScope(billing.quotaScope, principal);
  const sku = entry.record.id;
  const decision = await options.quotas.consume(scope, sku, period, units, limit);
  return { scope, sku, period, limit, units, decision, resetS: resetSeconds(monthRange(period)!.to - at) };
}

/** What is left of a taken quota, after `given` units were given back. */
export function quotaRemaining(t: QuotaTake, given = 0): number {
  return t.decision.ok ? Math.max(0, t.limit - t.decision.used + given) : Math.max(0, t.limit - t.decision.used);
}

/**
 * RateLimit-Limit and -Remaining of a call nothing limits (no `billing.rateLimit`, an unlimited SLA
 * tier): 2^31 - 1, the largest value every client can read as an integer (docs/billing.md).
 */
export const UNLIMITED = 2_147_483_647;

/** Headers of a call nothing limits: {@link UNLIMITED} calls, reset at the end of the UTC month. */
export function setUnlimitedHeaders(c: Context, now: number): void {
  setRateLimitHeaders(c, UNLIMITED, UNLIMITED, resetSeconds(monthRange(periodOf(now))!.to - now));
}

/**
 * Quota middleware; put it after entitlement (reads `subscription`, `sku`, `principal`) and the rate
 * limit. A batch is admitted whole or refused whole (402 when its inputs do not all fit).
 *
 * @example
 * app.post('/v1/skus/:sku/batch', ..., quota({ quotas, slaTiers, billingOf, units: batchUnits }), ...)
 */
export function quota(options: QuotaOptions): MiddlewareHandler<Env> {
  return async (c, next) => {
    const sla = c.get('subscription').sla;
    const entry = c.get('sku');
    const billing = await options.billingOf(entry);
    const units = options.units ? await options.units(c) : 1;
    let t: QuotaTake | null;
    try {
      t = await takeQuota(options, entry, billing, sla, c.get('principal'), units);
    } catch {
      return problem(c, 503, 'limits-unavailable', 'The quota store does not answer; retry shortly');
    }
    if (!t) {
      if (billing.rate) return next();
      // Nothing limits this call; the headers still say so (API.md: every execute-like response has them).
      const at = (options.now ?? Date.now)();
      setUnlimitedHeaders(c, at);
      await next();
      if (!c.res.headers.has('ratelimit-limit')) setUnlimitedHeaders(c, at);
      return;
    }
    const { limit, decision, scope, sku, period } = t;
    const showHeaders = !billing.rate; // the rate limit's own headers win when the SKU has one
    if (showHeaders) setRateLimitHeaders(c, limit, quotaRemaining(t), t.resetS);
    if (!decision.ok) {
      return problem(c, 402, 'quota-exceeded', `The ${sla} tier allows ${limit} calls of ${sku} a month`, {
        limit, used: decision.used, requested: units, period, sla,
      });
    }
    try {
      await next();
    } finally {
      const billed = c.res.status >= 200 && c.res.status < 300 ? Math.min(units, Number(c.get('units') ?? 0)) : 0;
      if (billed < units) await options.quotas.refund(scope, sku, period, units - billed).catch(() => undefined);
    }
    // A replay (its own Response) or a refund (fewer units used than taken) needs the headers again.
    const billed = Math.min(units, Number(c.get('units') ?? 0));
    if (showHeaders && (billed < units || !c.res.headers.has('ratelimit-limit'))) {
      setRateLimitHeaders(c, limit, quotaRemaining(t, units - billed), t.resetS);
    }
  };
}
