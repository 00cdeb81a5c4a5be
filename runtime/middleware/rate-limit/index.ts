// Rate limit middleware: the SKU's `billing.rateLimit` per tenant or per key (its `quotaScope`), as a
// fixed window in a RateLimitStore; RateLimit-* headers on every response, 429 with Retry-After past it.
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../../context.ts';
import type { RateLimitDecision, RateLimitStore } from '../../../billing/stores.ts';
import { resetSeconds } from '../../../billing/rate-limit.ts';
import { problem } from '../../problem.ts';
import { limitScope, type SkuBillingLookup } from './sku-billing.ts';

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
 * Rate limit middleware; put it after entitlement (it reads `sku` and `principal`). A SKU without a
 * `billing.rateLimit` is not limited here (the quota middleware then fills the headers). When the
 * store fails, calls are refused with 503 (fail closed), never let through unlimited.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', tenantAuth(cache, 'execute'), entitlement(cache),
 *   rateLimit({ store: stores.rateLimits, billingOf }), quota(...), ...)
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<Env> {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const entry = c.get('sku');
    const billing = await options.billingOf(entry);
    if (!billing.rate) return next();
    const key = `${limitScope(billing.quotaScope, c.get('principal'))}|${entry.record.id}`;
    let d: RateLimitDecision;
    try {
      d = await options.store.hit(key, billing.rate.limit, billing.rate.windowMs, now());
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
