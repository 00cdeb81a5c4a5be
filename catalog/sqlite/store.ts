// The SQLite CatalogStore: the async interface over the synchronous better-sqlite3 access functions.
import type { SqliteHandle } from '../db.ts';
import type { CatalogStore } from '../store.ts';
import * as accounts from './accounts.ts';
import * as skus from './skus.ts';
import * as subs from './subscriptions.ts';

/**
 * Creates the SQLite implementation of {@link CatalogStore} over an open handle (catalog/db.ts).
 * Multi-row writes run in one IMMEDIATE transaction.
 *
 * @example
 * const store = createSqliteCatalogStore(openSqlite(path));
 */
export function createSqliteCatalogStore(handle: SqliteHandle): CatalogStore {
  const { db, sqlite } = handle;
  const tx = <T>(fn: () => T): T => sqlite.transaction(fn).immediate();
  return {
    ping: async () => {
      sqlite.prepare('SELECT 1').get();
    },
    getSetting: async (key) => accounts.getSetting(db, key),
    initSetting: async (key, value) => accounts.initSetting(db, key, value),
    setSetting: async (key, value) => accounts.setSetting(db, key, value),
    createTenant: async (t) => accounts.createTenant(db, t),
    getTenant: async (id) => accounts.getTenant(db, id),
    listTenants: async () => accounts.listTenants(db),
    insertKey: async (k) => accounts.insertKey(db, k),
    findKeyByHash: async (hash) => accounts.findKeyByHash(db, hash),
    getKey: async (id) => accounts.getKey(db, id),
    listKeys: async (tenantId) => accounts.listKeys(db, tenantId),
    revokeKey: async (id) => accounts.revokeKey(db, id),
    getSku: async (id) => skus.getSku(db, id),
    listSkus: async (q) => skus.listSkus(db, q),
    getVersion: async (sku, version) => skus.getVersion(db, sku, version),
    listVersions: async (sku) => skus.listVersions(db, sku),
    insertVersions: async (items) => tx(() => skus.insertVersions(db, items)),
    getRollout: async (sku) => skus.getRollout(db, sku),
    setRollout: async (r) => skus.setRollout(db, r),
    subscribe: async (s) => tx(() => subs.subscribe(db, s)),
    getSubscription: async (t, s) => subs.getSubscription(db, t, s),
    listSubscriptions: async (t) => subs.listSubscriptions(db, t),
    unsubscribe: async (t, s) => subs.unsubscribe(db, t, s),
    setEnabled: async (t, s, e) => subs.setEnabled(db, t, s, e),
    isEnabled: async (t, s) => subs.isEnabled(db, t, s),
    close: async () => handle.close(),
  };
}
