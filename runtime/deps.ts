// What the runtime app is built from: the catalog store and its caches, the compiler, the operator
// token, logs and metrics. Billing adds its own stores through `sqlite` (the same embedded file).
import type { SqliteHandle } from '../catalog/db.ts';
import type { CatalogStore } from '../catalog/store.ts';
import type { BillingStores } from '../billing/stores.ts';
import type { CatalogCache } from './catalog-cache.ts';
import type { CompilerApi } from './compiler.ts';
import type { Logger } from './logger.ts';
import type { RuntimeMetrics } from './metrics/runtime-metrics.ts';

/** Everything createApp() needs. */
export interface AppDeps {
  store: CatalogStore;
  cache: CatalogCache;
  compiler: () => Promise<CompilerApi>;
  /** sha256 hex of the operator token. */
  adminTokenHash: string;
  logger: Logger;
  metrics: RuntimeMetrics;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit: number;
  /** The embedded database when the catalog is SQLite (billing's stores open on it). */
  sqlite?: SqliteHandle;
  /** Billing's stores when they are not the embedded SQLite ones (PostgreSQL + Redis, runtime/cluster/). */
  billing?: BillingStores;
}
