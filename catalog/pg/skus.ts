// PostgreSQL access to SKUs, their versions and rollouts (the twin of catalog/sqlite/skus.ts).
import { and, eq, inArray, or } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DocumentKind } from '../../dsl/model.ts';
import { rollouts, skus, versions } from '../schema/pg/catalog.ts';
import { rolloutFromRow } from '../rollout-row.ts';
import { compareVersionText } from '../semver.ts';
import { ConflictError, type NewVersion, type Rollout, type SkuRecord, type VersionRecord, type Visibility } from '../store.ts';
import { byCodePoint } from './collate.ts';
import { isUniqueViolation } from './errors.ts';

type Db = NodePgDatabase;

function toSku(row: typeof skus.$inferSelect): SkuRecord {
  return { ...row, kind: row.kind as DocumentKind, visibility: row.visibility as Visibility };
}

function toVersion(row: typeof versions.$inferSelect): VersionRecord {
  return { ...row, kind: row.kind as DocumentKind, visibility: row.visibility as Visibility };
}

export async function getSku(db: Db, id: string): Promise<SkuRecord | null> {
  const [row] = await db.select().from(skus).where(eq(skus.id, id));
  return row ? toSku(row) : null;
}

export async function listSkus(db: Db, query: { viewer: string; kind?: DocumentKind; q?: string }) {
  const visible = or(eq(skus.visibility, 'public'), eq(skus.owner, query.viewer));
  const rows = await db.select().from(skus).where(query.kind ? and(visible, eq(skus.kind, query.kind)) : visible).orderBy(byCodePoint(skus.id));
  if (rows.length === 0) return [];
  // One round trip for the versions of every listed SKU, not one per SKU.
  const vs = await db.select({ sku: versions.sku, version: versions.version, title: versions.title }).from(versions)
    .where(inArray(versions.sku, rows.map((r) => r.id)));
  const latestBySku = new Map<string, { version: string; title: string | null }>();
  for (const v of vs) {
    const current = latestBySku.get(v.sku);
    if (!current || compareVersionText(v.version, current.version) > 0) latestBySku.set(v.sku, v);
  }
  const out: (SkuRecord & { title: string | null; latest: string })[] = [];
  for (const row of rows) {
    const latest = latestBySku.get(row.id);
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

export async function getVersion(db: Db, sku: string, version: string): Promise<VersionRecord | null> {
  const [row] = await db.select().from(versions).where(and(eq(versions.sku, sku), eq(versions.version, version)));
  return row ? toVersion(row) : null;
}

export async function listVersions(db: Db, sku: string): Promise<VersionRecord[]> {
  const rows = (await db.select().from(versions).where(eq(versions.sku, sku))).map(toVersion);
  return rows.sort((a, b) => a.major - b.major || a.minor - b.minor || a.patch - b.patch);
}

/**
 * Called inside a transaction by the store: all items or none. The SKU row is created with
 * ON CONFLICT DO NOTHING and then locked, so two instances publishing the same new SKU at once
 * serialise on it instead of failing with a raw unique violation.
 */
export async function insertVersions(db: Db, items: NewVersion[]): Promise<void> {
  const now = new Date().toISOString();
  for (const item of items) {
    await db.insert(skus).values({ ...item.sku, createdAt: now, updatedAt: now }).onConflictDoNothing();
    const [existing] = await db.select().from(skus).where(eq(skus.id, item.sku.id)).for('update');
    if (existing!.owner !== item.sku.owner) {
      throw new ConflictError(`SKU ${item.sku.id} belongs to another tenant`, 'sku-owner');
    }
    const set: Partial<typeof skus.$inferInsert> = { updatedAt: now };
    if (item.setVisibility) set.visibility = item.sku.visibility;
    await db.update(skus).set(set).where(eq(skus.id, item.sku.id));
    try {
      await db.insert(versions).values({ ...item.version, createdAt: now });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(`${item.sku.id} ${item.version.version} exists`, 'version');
      throw e;
    }
  }
}

export async function getRollout(db: Db, sku: string): Promise<Rollout | null> {
  const [row] = await db.select().from(rollouts).where(eq(rollouts.sku, sku));
  return row ? rolloutFromRow(row) : null;
}

export async function setRollout(db: Db, r: Omit<Rollout, 'updatedAt'>): Promise<Rollout> {
  const row = {
    sku: r.sku,
    stable: r.stable,
    canaryVersion: r.canary?.version ?? null,
    canaryPercent: r.canary?.percent ?? null,
    canaryTenants: r.canary ? JSON.stringify(r.canary.tenants) : null,
    canaryChannels: r.canary ? JSON.stringify(r.canary.channels) : null,
    updatedAt: new Date().toISOString(),
  };
  await db.insert(rollouts).values(row).onConflictDoUpdate({ target: rollouts.sku, set: row });
  return rolloutFromRow(row);
}
