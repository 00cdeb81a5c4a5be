// SQLite access to subscriptions and the operator's per-tenant kill switches.
import { and, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { skuSwitches, subscriptions } from '../schema/sqlite/catalog.ts';
import type { Sla, Subscription } from '../store.ts';

type Db = BetterSQLite3Database;

function toSubscription(row: typeof subscriptions.$inferSelect): Subscription {
  return { ...row, sla: row.sla as Sla, params: JSON.parse(row.params) as Record<string, unknown> };
}

export function getSubscription(db: Db, tenantId: string, sku: string): Subscription | null {
  const row = db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.sku, sku))).get();
  return row ? toSubscription(row) : null;
}

/** Called inside a transaction by the store, so `created` is exact. */
export function subscribe(db: Db, s: { tenantId: string; sku: string; sla: Sla; params: Record<string, unknown> }) {
  const now = new Date().toISOString();
  const existing = getSubscription(db, s.tenantId, s.sku);
  if (existing) {
    db.update(subscriptions)
      .set({ sla: s.sla, params: JSON.stringify(s.params), updatedAt: now })
      .where(and(eq(subscriptions.tenantId, s.tenantId), eq(subscriptions.sku, s.sku)))
      .run();
  } else {
    db.insert(subscriptions).values({ ...s, params: JSON.stringify(s.params), createdAt: now, updatedAt: now }).run();
  }
  return { subscription: getSubscription(db, s.tenantId, s.sku)!, created: !existing };
}

export function listSubscriptions(db: Db, tenantId: string): Subscription[] {
  return db.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId)).orderBy(subscriptions.sku).all().map(toSubscription);
}

export function unsubscribe(db: Db, tenantId: string, sku: string): boolean {
  const r = db.delete(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.sku, sku))).run();
  return r.changes > 0;
}

export function setEnabled(db: Db, tenantId: string, sku: string, enabled: boolean): void {
  const row = { tenantId, sku, enabled, updatedAt: new Date().toISOString() };
  db.insert(skuSwitches).values(row).onConflictDoUpdate({ target: [skuSwitches.tenantId, skuSwitches.sku], set: { enabled, updatedAt: row.updatedAt } }).run();
}

export function isEnabled(db: Db, tenantId: string, sku: string): boolean {
  const row = db.select().from(skuSwitches).where(and(eq(skuSwitches.tenantId, tenantId), eq(skuSwitches.sku, sku))).get();
  return row ? row.enabled : true;
}
