// Test helpers for billing's middlewares: a fake catalog entry and a middleware that sets what auth,
// entitlement and rollout would have set, so a middleware can be tested on a bare Hono app.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../runtime/context.ts';
import type { SkuEntry } from '../runtime/catalog-cache.ts';
import type { SkuBilling, SkuBillingLookup } from '../runtime/middleware/rate-limit/sku-billing.ts';
import { parseRateLimit } from './rate-limit.ts';

/** A catalog entry for a SKU id (no versions loaded). */
export function fakeEntry(id = 'promo:flash:v1', kind: 'Promotion' | 'Selection' | 'PricingTier' = 'Promotion'): SkuEntry {
  return {
    record: { id, owner: 'owner', kind, name: id.split(':')[1] ?? id, visibility: 'public', createdAt: '', updatedAt: '' },
    versions: [],
    latest: '1.0.0',
    rollout: null,
    executors: new Map(),
  };
}

/** A billing lookup that answers the same contract for every SKU. */
export function fixedBilling(rate: string | null, quotaScope: 'tenant' | 'api-key' = 'tenant'): SkuBillingLookup {
  const b: SkuBilling = { rate: parseRateLimit(rate), quotaScope, plan: null };
  return async () => b;
}

/**
 * Sets principal (from `X-Test-Tenant` / `X-Test-Key`, default t1/k1), sku, subscription (tier from
 * `X-Test-Sla`, default bronze), version and canary.
 */
export function fakeCaller(entry: SkuEntry = fakeEntry()): MiddlewareHandler<Env> {
  return async (c, next) => {
    const tenantId = c.req.header('x-test-tenant') ?? 't1';
    c.set('principal', { tenantId, keyId: c.req.header('x-test-key') ?? 'k1', scopes: ['execute', 'read'] });
    c.set('sku', entry);
    c.set('subscription', {
      tenantId, sku: entry.record.id, sla: (c.req.header('x-test-sla') ?? 'bronze') as 'bronze', params: {}, createdAt: '', updatedAt: '',
    });
    c.set('version', '1.0.0');
    c.set('canary', false);
    await next();
  };
}
