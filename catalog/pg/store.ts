// The PostgreSQL CatalogStore: the same interface and behaviour as catalog/sqlite/store.ts, over a
// pg pool, so several stateless runtime instances can share one catalog.
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { CatalogStore } from '../store.ts';
import * as accounts from './accounts.ts';
import type { PgHandle } from './db.ts';
import * as skus from './skus.ts';
import * as subs from './subscriptions.ts';

/**
 * Creates the PostgreSQL implementation of {@link CatalogStore} over an open handle
 * (catalog/pg/db.ts). Multi-row writes run in one transaction.
 *
 * @example
 * const store = createPgCatalogStore(await openPg(process.env.DATABASE_URL!));
 */
export function createPgCatalogStore(handle: PgHandle): CatalogStore {
  const { db, pool } = handle;
  const tx = <T>(fn: (db: NodePgDatabase) => Promise<T>): Promise<T> => db.transaction((t) => fn(t as unknown as NodePgDatabase));
  return {
    ping: async () => {
      await pool.query('SELECT 1');
    },
    getSetting: (key) => accounts.getSetting(db, key),
    initSetting: (key, value) => accounts.initSetting(db, key, value),
    setSetting: (key, value) => accounts.setSetting(db, key, value),
    createTenant: (t) => accounts.createTenant(db, t),
    getTenant: (id) => accounts.getTenant(db, id),
    listTenants: () => accounts.listTenants(db),
    insertKey: (k) => accounts.insertKey(db, k),
    findKeyByHash: (hash) => accounts.findKeyByHash(db, hash),
    getKey: (id) => accounts.getKey(db, id),
    listKeys: (tenantId) => accounts.listKeys(db, tenantId),
    revokeKey: (id) => accounts.revokeKey(db, id),
    getSku: (id) => skus.getSku(db, id),
    listSkus: (q) => skus.listSkus(db, q),
    getVersion: (sku, version) => skus.getVersion(db, sku, version),
    listVersions: (sku) => skus.listVersions(db, sku),
    insertVersions: (items) => tx((t) => skus.insertVersions(t, items)),
    getRollout: (sku) => skus.getRollout(db, sku),
    setRollout: (r) => skus.setRollout(db, r),
    subscribe: (s) => subs.subscribe(db, s),
    getSubscription: (t, s) => subs.getSubscription(db, t, s),
    listSubscriptions: (t) => subs.listSubscriptions(db, t),
    unsubscribe: (t, s) => subs.unsubscribe(db, t, s),
    setEnabled: (t, s, e) => subs.setEnabled(db, t, s, e),
    isEnabled: (t, s) => subs.isEnabled(db, t, s),
    close: () => handle.close(),
  };
}
