// The PostgreSQL billing backend: every billing store on the catalog's pg pool — the ledger and
// records of the scale-out mode, and the counters too when no Redis is configured.
import type pg from 'pg';
import type { BillingStores } from '../stores.ts';
import type { SlaTierTable } from '../sla-tiers.ts';
import { PgIdempotencyStore } from './idempotency-store.ts';
import { PgQuotaStore } from './quota-store.ts';
import { PgRateLimitStore } from './rate-limit-store.ts';
import { PgRedemptionStore } from './redemption-store.ts';
import { PgSlaTierStore } from './sla-tier-store.ts';
import { PgUsageStore } from './usage-store.ts';

/**
 * Creates the billing stores on a pool whose schema has the migrations of catalog/migrations/pg/.
 * `close` does not end the pool: it belongs to the catalog handle.
 *
 * @example
 *   const handle = await openPg(url);
 *   const stores = createPgBillingStores(handle.pool);
 */
export function createPgBillingStores(pool: pg.Pool, options: { slaTiers?: SlaTierTable } = {}): BillingStores & {
  usage: PgUsageStore;
  slaTiers: PgSlaTierStore;
} {
  return {
    usage: new PgUsageStore(pool),
    idempotency: new PgIdempotencyStore(pool),
    rateLimits: new PgRateLimitStore(pool),
    quotas: new PgQuotaStore(pool),
    redemptions: new PgRedemptionStore(pool),
    slaTiers: new PgSlaTierStore(pool, options.slaTiers),
    async close() {},
  };
}
