// Rate limit middleware: the SKU's `billing.rateLimit` per tenant or per key (its `quotaScope`), as a
// fixed window in a RateLimitStore; RateLimit-* headers on every response, 429 with Retry-After past it.
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { RateLimitDecision, RateLimitStore } from '../../../billing/stores.ts';
import { resetSeconds } from '../../../billing/rate-limit.ts';
import { problem } from '../../problem.ts';
import { limitScope, type SkuBilling, type SkuBillingLookup } from './sku-billing.ts';
import type { SkuEntry } from '../../catalog-cache.ts';

export interface RateLimitOptions {
  store: RateLimitStore;
  billingOf: SkuBillingLookup;
  /** The clock (tests fix it). */
  now?: () => number;
}

/** Writes the RateLimit-* headers (IETF draft): limit, what is left, seconds until the window resets. */
export function setRateLimitHeaders(c: Context, limit: number, remaining: number, resetS: number): void {
  c.header('RateLimit-Limit', String(limit));
  c.header('RateLimit-Remaining', String(remaining));
  c.header('RateLimit-Reset', String(resetS));
}

/**
 * Counts one call of a SKU against its `billing.rateLimit` (the middleware's core, also used by apply
 * for each promotion it evaluates). Null when the SKU has no rate limit; throws when the store fails.
 */
export async function hitRateLimit(
  options: RateLimitOptions,
  entry: SkuEntry,
  billing: SkuBilling,
  principal: { tenantId: string; keyId: string },
): Promise<RateLimitDecision | null> {
  if (!billing.rate) return null;
  const key = `${limitScope(billing.quotaScope, principal)}|${entry.record.id}`;
  return options.store.hit(key, billing.rate.limit, billing.rate.windowMs, (options.now ?? Date.now)());
}

/**
 * Rate limit middleware; put it after entitlement (it reads `sku` and `principal`). A SKU without a
 * `billing.rateLimit` is not limited here (the quota middleware then fills the headers). When the
 * store fails, calls are refused with 503 (fail closed), never let through unlimited.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', tenantAuth(cache, 'execute'), entitlement(cache),
 *   rateLimit({ store: stores.rateLimits, billingOf }), quota(...), ...)
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<Env> {
  return async (c, next) => {
    const entry = c.get('sku');
    const billing = await options.billingOf(entry);
    if (!billing.rate) return next();
    let d: RateLimitDecision;
    try {
      d = (await hitRateLimit(options, entry, billing, c.get('principal')))!;
    } catch {
      return problem(c, 503, 'limits-unavailable', 'The rate limit store does not answer; retry shortly');
    }
    const reset = resetSeconds(d.resetMs);
    if (!d.allowed) {
      setRateLimitHeaders(c, d.limit, 0, reset);
      c.header('Retry-After', String(reset));
      return problem(c, 429, 'rate-limited', `More than ${billing.rate.text} calls to ${entry.record.id}`, {
        limit: billing.rate.text,
        retryAfter: reset,
      });
    }
    // Before the handler, so c.json() includes them without rebuilding the response...
    setRateLimitHeaders(c, d.limit, d.remaining, reset);
    await next();
    // ...and after it only when the handler built its own Response (an idempotent replay).
    if (!c.res.headers.has('ratelimit-limit')) setRateLimitHeaders(c, d.limit, d.remaining, reset);
  };
}
