// Who may see a SKU: everyone when it is public, its owner always, and (for private SKUs of others)
// nobody else, whose requests get a 404 as if it did not exist.
import type { SkuEntry } from '../catalog-cache.ts';
import type { AppDeps } from '../deps.ts';

/** The SKU if `tenantId` may see it, else null. */
export async function visibleSku(deps: AppDeps, tenantId: string, sku: string): Promise<SkuEntry | null> {
  const entry = await deps.cache.sku(sku);
  if (!entry) return null;
  if (entry.record.visibility === 'public' || entry.record.owner === tenantId) return entry;
  return null;
}
