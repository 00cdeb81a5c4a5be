// The stable percentage bucket of a tenant for a SKU: the same pair always lands in the same place.
import { createHash } from 'node:crypto';

/**
 * A number in [0, 10000) from sha256(tenant, sku): hundredths of a percent, uniform over tenants.
 * Hashing the SKU too means each SKU's canary gets a different slice of the tenants.
 */
export function rolloutBucket(tenantId: string, sku: string): number {
  const digest = createHash('sha256').update(`${tenantId}\u0000${sku}`).digest();
  return digest.readUInt32BE(0) % 10000;
}
