// The billing contract of a SKU (its manifest's `billing`: rateLimit, quotaScope, plan) for the
// limit middlewares, read once per SKU entry of the catalog cache (a new entry after each invalidation).
import type { CatalogStore } from '../../../catalog/store.ts';
import type { SkuEntry } from '../../catalog-cache.ts';
import { parseRateLimit, type RatePolicy } from '../../../billing/rate-limit.ts';

/** What the limit middlewares need of a SKU's `billing`. */
export interface SkuBilling {
  rate: RatePolicy | null;
  quotaScope: 'tenant' | 'api-key';
  plan: string | null;
}

/** Looks up a SKU's billing contract. */
export type SkuBillingLookup = (entry: SkuEntry) => Promise<SkuBilling>;

/**
 * Reads the billing contract from the manifest of the SKU's stable version (rollout stable, else the
 * latest), cached per cache entry.
 * @example
 *   const billingOf = skuBillingFromStore(deps.store);
 *   const { rate } = await billingOf(c.get('sku'));
 */
export function skuBillingFromStore(store: CatalogStore): SkuBillingLookup {
  const memo = new WeakMap<SkuEntry, Promise<SkuBilling>>();
  return (entry) => {
    let hit = memo.get(entry);
    if (!hit) {
      hit = (async () => {
        const version = entry.rollout?.stable ?? entry.latest;
        const row = await store.getVersion(entry.record.id, version);
        let billing: { rateLimit?: unknown; quotaScope?: unknown; plan?: unknown } = {};
        try {
          billing = (JSON.parse(row?.manifest ?? '{}') as { billing?: typeof billing }).billing ?? {};
        } catch {
          billing = {};
        }
        return {
          rate: parseRateLimit(typeof billing.rateLimit === 'string' ? billing.rateLimit : null),
          quotaScope: billing.quotaScope === 'api-key' ? 'api-key' : 'tenant',
          plan: typeof billing.plan === 'string' ? billing.plan : null,
        } satisfies SkuBilling;
      })();
      memo.set(entry, hit);
      hit.catch(() => memo.delete(entry));
    }
    return hit;
  };
}

/** The counter scope of a call: the tenant, or the tenant's key when the SKU says `quotaScope: api-key`. */
export function limitScope(quotaScope: 'tenant' | 'api-key', principal: { tenantId: string; keyId: string }): string {
  return quotaScope === 'api-key' ? `${principal.tenantId}/${principal.keyId}` : principal.tenantId;
}
