// SQLite access to SKUs, their versions and rollouts.
import { and, eq, or } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { DocumentKind } from '../../dsl/model.ts';
import { rollouts, skus, versions } from '../schema/sqlite/catalog.ts';
import { rolloutFromRow } from '../rollout-row.ts';
import { compareVersionText } from '../semver.ts';
import { ConflictError, type NewVersion, type Rollout, type SkuRecord, type VersionRecord, type Visibility } from '../store.ts';
import { isUniqueViolation } from './errors.ts';

type Db = BetterSQLite3Database;

function toSku(row: typeof skus.$inferSelect): SkuRecord {
  return { ...row, kind: row.kind as DocumentKind, visibility: row.visibility as Visibility };
}

function toVersion(row: typeof versions.$inferSelect): VersionRecord {
  return { ...row, kind: row.kind as DocumentKind, visibility: row.visibility as Visibility };
}

export function getSku(db: Db, id: string): SkuRecord | null {
  const row = db.select().from(skus).where(eq(skus.id, id)).get();
  return row ? toSku(row) : null;
}

export function listSkus(db: Db, query: { viewer: string; kind?: DocumentKind; q?: string }) {
  const visible = or(eq(skus.visibility, 'public'), eq(skus.owner, query.viewer));
  const rows = db.select().from(skus).where(query.kind ? and(visible, eq(skus.kind, query.kind)) : visible).orderBy(skus.id).all();
  const out: (SkuRecord & { title: string | null; latest: string })[] = [];
  for (const row of rows) {
    const vs = db.select({ version: versions.version, title: versions.title }).from(versions).where(eq(versions.sku, row.id)).all();
    vs.sort((a, b) => compareVersionText(a.version, b.version));
    const latest = vs[vs.length - 1];
    if (!latest) continue;
    const entry = { ...toSku(row), title: latest.title, latest: latest.version };
    if (query.q) {
      // Plain substring match: `q` is user text, never a pattern.
      const q = query.q.toLowerCase();
      if (!entry.id.toLowerCase().includes(q) && !(entry.title ?? '').toLowerCase().includes(q)) continue;
    }
    out.push(entry);
  }
  return out;
}

export function getVersion(db: Db, sku: string, version: string): VersionRecord | null {
  const row = db.select().from(versions).where(and(eq(versions.sku, sku), eq(versions.version, version))).get();
  return row ? toVersion(row) : null;
}

export function listVersions(db: Db, sku: string): VersionRecord[] {
  const rows = db.select().from(versions).where(eq(versions.sku, sku)).all().map(toVersion);
  return rows.sort((a, b) => a.major - b.major || a.minor - b.minor || a.patch - b.patch);
}

/** Called inside a transaction by the store: all items or none. */
export function insertVersions(db: Db, items: NewVersion[]): void {
  const now = new Date().toISOString();
  for (const item of items) {
    const existing = getSku(db, item.sku.id);
    if (existing && existing.owner !== item.sku.owner) {
      throw new ConflictError(`SKU ${item.sku.id} belongs to another tenant`, 'sku-owner');
    }
    if (!existing) {
      db.insert(skus).values({ ...item.sku, createdAt: now, updatedAt: now }).run();
    } else {
      const set: Partial<typeof skus.$inferInsert> = { updatedAt: now };
      if (item.setVisibility) set.visibility = item.sku.visibility;
      db.update(skus).set(set).where(eq(skus.id, item.sku.id)).run();
    }
    try {
      db.insert(versions).values({ ...item.version, createdAt: now }).run();
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(`${item.sku.id} ${item.version.version} exists`, 'version');
      throw e;
    }
  }
}

export function getRollout(db: Db, sku: string): Rollout | null {
  const row = db.select().from(rollouts).where(eq(rollouts.sku, sku)).get();
  return row ? rolloutFromRow(row) : null;
}

export function setRollout(db: Db, r: Omit<Rollout, 'updatedAt'>): Rollout {
  const row = {
    sku: r.sku,
    stable: r.stable,
    canaryVersion: r.canary?.version ?? null,
    canaryPercent: r.canary?.percent ?? null,
    canaryTenants: r.canary ? JSON.stringify(r.canary.tenants) : null,
    canaryChannels: r.canary ? JSON.stringify(r.canary.channels) : null,
    updatedAt: new Date().toISOString(),
  };
  db.insert(rollouts).values(row).onConflictDoUpdate({ target: rollouts.sku, set: row }).run();
  return rolloutFromRow(row);
}
