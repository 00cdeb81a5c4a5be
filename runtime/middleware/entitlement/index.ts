// Entitlement: the SKU in the path exists and is visible to the caller, the caller's tenant is
// subscribed to it, and the operator has not switched it off for that tenant.
import type { MiddlewareHandler } from 'hono';
import type { CatalogCache } from '../../catalog-cache.ts';
import type { Env } from '../../context.ts';
import { problem } from '../../problem.ts';

/**
 * Entitlement middleware for `/:sku/` routes; put it after tenantAuth. Sets `sku` and `subscription`.
 * A private SKU of another tenant is a 404 (its existence is not revealed) unless the caller is
 * subscribed to it from when it was public.
 *
 * @example
 * app.post('/v1/skus/:sku/execute', tenantAuth(cache, 'execute'), entitlement(cache), ...)
 */
export function entitlement(cache: CatalogCache, param = 'sku'): MiddlewareHandler<Env> {
  return async (c, next) => {
    const id = c.req.param(param) ?? '';
    const tenantId = c.get('principal').tenantId;
    const entry = await cache.sku(id);
    const ent = entry ? await cache.entitlement(tenantId, id) : null;
    if (!entry || !ent || (entry.record.visibility !== 'public' && entry.record.owner !== tenantId && !ent.subscription)) {
      return problem(c, 404, 'unknown-sku', `No SKU ${id}`, { sku: id });
    }
    if (!ent.subscription) return problem(c, 403, 'not-subscribed', `Subscribe to ${id} before calling it`, { sku: id });
    if (!ent.enabled) return problem(c, 403, 'sku-disabled', `${id} is disabled for this tenant`, { sku: id });
    c.set('sku', entry);
    c.set('subscription', ent.subscription);
    await next();
  };
}
