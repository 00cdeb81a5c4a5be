// Error counts for calls refused before metering: a 429, a 402, an invalid input, an idempotency
// conflict. Metering counts the failures it sees itself; this middleware, put right after
// entitlement, counts every other non-2xx answer to an entitled tenant for the SKU it called, so the
// usage report's `errors` is every failed call, not only the ones that reached execution.
import type { MiddlewareHandler } from 'hono';
import type { UsageStore } from '../../../billing/stores.ts';
import type { Env } from '../../context.ts';

/**
 * Counts non-2xx answers that metering did not handle (after entitlement, so only SKUs the tenant
 * may call are counted; unknown SKUs never create rows).
 * @example app.post('/v1/skus/:sku/execute', tenantAuth(...), entitlement(cache), earlyErrors({ usage }), ...)
 */
export function earlyErrors(options: { usage: UsageStore; now?: () => number }): MiddlewareHandler<Env> {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    await next();
    const status = c.res.status;
    if ((status >= 200 && status < 300) || c.get('metered')) return;
    const sku = c.req.param('sku');
    if (!sku) return;
    // Error counts only feed the usage report: a failure to write them must not fail the call.
    await options.usage.recordErrors(c.get('principal').tenantId, sku, now(), 1).catch(() => undefined);
  };
}
