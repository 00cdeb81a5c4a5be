// Storage for the CLI commands that read the catalog and the ledger beside running servers
// (`rulemart usage`, `invoice`, `reconcile`): the SQLite file, or PostgreSQL when --database-url or
// DATABASE_URL is given. It never starts a stream consumer and never takes over a server's claims.
import { openSqlite } from '../../catalog/db.ts';
import { openPg } from '../../catalog/pg/db.ts';
import { createPgCatalogStore } from '../../catalog/pg/store.ts';
import { createSqliteCatalogStore } from '../../catalog/sqlite/store.ts';
import type { CatalogStore } from '../../catalog/store.ts';
import { createPgBillingStores } from '../../billing/pg/index.ts';
import { createSqliteBillingStores } from '../../billing/sqlite/index.ts';
import type { BillingStores } from '../../billing/stores.ts';
import { resolveStorage, type StorageConfig } from './config.ts';

/** The catalog and billing stores of a CLI command, and how to close them. */
export interface CliStorage {
  config: StorageConfig;
  store: CatalogStore;
  billing: BillingStores;
  close(): Promise<void>;
}

/**
 * Opens the storage named by flags, then the environment (DATABASE_URL, RULEMART_DB). With Redis in
 * the deployment, usage still in the stream is not in the ledger yet: run `rulemart worker --drain`
 * first when the answer must be complete.
 *
 * @example
 * const { store, billing, close } = await openCliStorage({ dbPath: flags.db, databaseUrl: flags['database-url'] });
 */
export async function openCliStorage(given: { dbPath?: string; databaseUrl?: string }, env: NodeJS.ProcessEnv = process.env): Promise<CliStorage> {
  // Redis is not needed to read the ledger, so REDIS_URL is ignored here.
  const config = resolveStorage({ dbPath: given.dbPath, databaseUrl: given.databaseUrl }, { ...env, REDIS_URL: undefined });
  if (config.mode === 'sqlite') {
    const sqlite = openSqlite(config.dbPath);
    const billing = createSqliteBillingStores(sqlite.sqlite);
    return {
      config, store: createSqliteCatalogStore(sqlite), billing,
      close: async () => { await billing.close(); sqlite.close(); },
    };
  }
  const pg = await openPg(config.databaseUrl!);
  return { config, store: createPgCatalogStore(pg), billing: createPgBillingStores(pg.pool), close: () => pg.close() };
}
