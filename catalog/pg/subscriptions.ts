// PostgreSQL access to subscriptions and the operator's per-tenant kill switches
// (the twin of catalog/sqlite/subscriptions.ts).
import { and, eq, sql } from 'drizzle-orm';
import { byCodePoint } from './collate.ts';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { skuSwitches, subscriptions } from '../schema/pg/catalog.ts';
import type { Sla, Subscription } from '../store.ts';

type Db = NodePgDatabase;

function toSubscription(row: typeof subscriptions.$inferSelect): Subscription {
  return { ...row, sla: row.sla as Sla, params: JSON.parse(row.params) as Record<string, unknown> };
}

export async function getSubscription(db: Db, tenantId: string, sku: string): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.sku, sku)));
  return row ? toSubscription(row) : null;
}

/**
 * One upsert statement, so two instances subscribing at once cannot collide; `xmax = 0` is true
 * only for a freshly inserted row, which tells `created` exactly.
 */
export async function subscribe(db: Db, s: { tenantId: string; sku: string; sla: Sla; params: Record<string, unknown> }) {
  const now = new Date().toISOString();
  const params = JSON.stringify(s.params);
  const [row] = await db
    .insert(subscriptions)
    .values({ ...s, params, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [subscriptions.tenantId, subscriptions.sku], set: { sla: s.sla, params, updatedAt: now } })
    .returning({ created: sql<boolean>`(xmax = 0)` });
  return { subscription: (await getSubscription(db, s.tenantId, s.sku))!, created: row!.created };
}

export async function listSubscriptions(db: Db, tenantId: string): Promise<Subscription[]> {
  const rows = await db.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId)).orderBy(byCodePoint(subscriptions.sku));
  return rows.map(toSubscription);
}

export async function unsubscribe(db: Db, tenantId: string, sku: string): Promise<boolean> {
  const r = await db.delete(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.sku, sku)));
  return (r.rowCount ?? 0) > 0;
}

export async function setEnabled(db: Db, tenantId: string, sku: string, enabled: boolean): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(skuSwitches).values({ tenantId, sku, enabled, updatedAt })
    .onConflictDoUpdate({ target: [skuSwitches.tenantId, skuSwitches.sku], set: { enabled, updatedAt } });
}

export async function isEnabled(db: Db, tenantId: string, sku: string): Promise<boolean> {
  const [row] = await db.select().from(skuSwitches).where(and(eq(skuSwitches.tenantId, tenantId), eq(skuSwitches.sku, sku)));
  return row ? row.enabled : true;
}
