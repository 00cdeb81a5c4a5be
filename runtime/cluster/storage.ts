// The storage a runtime server starts on, in one call: the embedded SQLite file by default, or the
// shared PostgreSQL (+ Redis) backend of the scale-out mode. runtime/server.ts uses this so that it
// does not need to know which one it got.
import { openSqlite, type SqliteHandle } from '../../catalog/db.ts';
import { createSqliteCatalogStore } from '../../catalog/sqlite/store.ts';
import type { CatalogStore } from '../../catalog/store.ts';
import type { BillingStores } from '../../billing/stores.ts';
import { CatalogCache } from '../catalog-cache.ts';
import type { CompilerApi } from '../compiler.ts';
import { openClusterBackend, type ClusterBackend } from './backend.ts';
import { resolveStorage, type StorageConfig } from './config.ts';

/** Storage options of a server (flags of `rulemart serve`; the CLI adds the environment). */
export interface ServerStorageOptions {
  dbPath?: string;
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  /** With Redis: run the usage stream consumer inside this server (default true). */
  consumeUsage?: boolean;
  /** Stream consumer name (default host-pid). */
  consumerName?: string;
  /** Told about background failures of the scale-out backend. */
  onError?: (what: string, error: unknown) => void;
}

/** What a server runs on. */
export interface ServerStorage {
  config: StorageConfig;
  store: CatalogStore;
  /** The embedded database (SQLite mode only); billing opens its stores on it. */
  sqlite?: SqliteHandle;
  /** The billing stores (scale-out mode); undefined in SQLite mode, where billing makes its own. */
  billing?: BillingStores;
  /** The scale-out backend, when there is one. */
  cluster?: ClusterBackend;
  makeCache(loadCompiler: () => Promise<CompilerApi>): CatalogCache;
  wrapFetch<F extends (request: Request, ...rest: any[]) => Response | Promise<Response>>(fetch: F): F;
  close(): Promise<void>;
}

/**
 * Opens the storage named by the options — never by the environment, so tests that start servers
 * stay on their SQLite file whatever DATABASE_URL says; `rulemart serve` passes the environment in.
 */
export async function openServerStorage(options: ServerStorageOptions = {}): Promise<ServerStorage> {
  const config = resolveStorage(options, {});
  if (config.mode === 'sqlite') {
    const sqlite = openSqlite(config.dbPath);
    const store = createSqliteCatalogStore(sqlite);
    return {
      config, store, sqlite,
      makeCache: (loadCompiler) => new CatalogCache(store, loadCompiler),
      wrapFetch: (fetch) => fetch,
      close: async () => sqlite.close(),
    };
  }
  const cluster = await openClusterBackend(config, {
    consumeUsage: options.consumeUsage, consumerName: options.consumerName, onError: options.onError,
  });
  // Readiness covers every shared service this instance needs, not just the catalog.
  const store: CatalogStore = { ...cluster.store, ping: () => cluster.ping() };
  return {
    config, store, billing: cluster.billing, cluster,
    makeCache: (loadCompiler) => cluster.makeCache(loadCompiler),
    wrapFetch: (fetch) => cluster.wrapFetch(fetch),
    close: () => cluster.close(),
  };
}
