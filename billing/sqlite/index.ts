// The SQLite billing backend: every billing store on one better-sqlite3 database (the catalog's).
import type Database from 'better-sqlite3';
import type { BillingStores } from '../stores.ts';
import type { SlaTierTable } from '../sla-tiers.ts';
import { SqliteUsageStore } from './usage-store.ts';
import { SqliteIdempotencyStore } from './idempotency-store.ts';
import { SqliteRateLimitStore } from './rate-limit-store.ts';
import { SqliteQuotaStore } from './quota-store.ts';
import { SqliteRedemptionStore } from './redemption-store.ts';
import { SqliteSlaTierStore } from './sla-tier-store.ts';
import { GroupCommit } from './group-commit.ts';
import { OwnedIdempotencyStore } from './owned-idempotency-store.ts';
import { EventQuotaStore } from './event-quota-store.ts';
import { MemoryRateLimitStore } from '../memory/rate-limit-store.ts';

export interface SqliteBillingOptions {
  /** Base SLA tier table (defaults of API.md, or the operator's RULEMART_SLA_TIERS file). */
  slaTiers?: SlaTierTable;
  /**
   * Set by the one server process that owns the file, at start: drops idempotency claims a crashed
   * process left in progress, so their retries run at once. Never set it from a CLI beside a server.
   */
  recoverInProgress?: boolean;
  /**
   * Where rate-limit windows, quota counts and idempotency claims live: 'memory' (default; one server
   * process owns the file: windows in memory, quotas counted from the usage events, claims decided in
   * memory and written without waiting) or 'table' (several processes on one file: every decision is
   * a committed transaction).
   */
  counters?: 'memory' | 'table';
}

/**
 * Creates the billing stores on an open database whose migrations (catalog/migrations/sqlite/1001_billing.sql)
 * have run.
 * @example
 *   const stores = createSqliteBillingStores(openDatabase(path), { recoverInProgress: true });
 */
export function createSqliteBillingStores(db: Database.Database, options: SqliteBillingOptions = {}): BillingStores {
  // One group commit for every store: all billing writes of an event-loop turn share one fsync.
  const commits = new GroupCommit(db);
  const usage = new SqliteUsageStore(db, commits);
  // One process owning the file ('memory' counters) decides claims in memory; several share rows.
  const idempotency = options.counters === 'table' ? new SqliteIdempotencyStore(db, commits) : new OwnedIdempotencyStore(db, commits);
  if (options.recoverInProgress) idempotency.recoverInProgress();
  return {
    usage,
    idempotency,
    rateLimits: options.counters === 'table' ? new SqliteRateLimitStore(db, commits) : new MemoryRateLimitStore(),
    quotas: options.counters === 'table' ? new SqliteQuotaStore(db, commits) : new EventQuotaStore(db),
    redemptions: new SqliteRedemptionStore(db, commits),
    slaTiers: new SqliteSlaTierStore(db, options.slaTiers),
    async close() {
      commits.close();
    },
  };
}
