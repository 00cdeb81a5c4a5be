// PostgreSQL access to settings, tenants and API keys (the twin of catalog/sqlite/accounts.ts).
import { and, eq, isNull } from 'drizzle-orm';
import { byCodePoint } from './collate.ts';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { apiKeys, settings, tenants } from '../schema/pg/catalog.ts';
import { ConflictError, type ApiKeyRecord, type Scope, type Tenant } from '../store.ts';
import { isUniqueViolation } from './errors.ts';

type Db = NodePgDatabase;

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value ?? null;
}

export async function initSetting(db: Db, key: string, value: string): Promise<string> {
  await db.insert(settings).values({ key, value }).onConflictDoNothing();
  return (await getSetting(db, key))!;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

export async function createTenant(db: Db, t: { id: string; name: string }): Promise<Tenant> {
  const row = { id: t.id, name: t.name, createdAt: new Date().toISOString() };
  try {
    await db.insert(tenants).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`tenant ${t.id} exists`, 'tenant');
    throw e;
  }
  return row;
}

export async function getTenant(db: Db, id: string): Promise<Tenant | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(byCodePoint(tenants.id));
}

function toKey(row: typeof apiKeys.$inferSelect): ApiKeyRecord {
  return { ...row, scopes: JSON.parse(row.scopes) as Scope[] };
}

export async function insertKey(db: Db, k: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
  const row = { ...k, scopes: JSON.stringify(k.scopes), createdAt: new Date().toISOString(), revokedAt: null };
  try {
    await db.insert(apiKeys).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`key ${k.id} exists`, 'key');
    throw e;
  }
  return toKey(row);
}

export async function findKeyByHash(db: Db, hash: string): Promise<ApiKeyRecord | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash));
  return row ? toKey(row) : null;
}

export async function getKey(db: Db, id: string): Promise<ApiKeyRecord | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row ? toKey(row) : null;
}

export async function listKeys(db: Db, tenantId: string): Promise<ApiKeyRecord[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(apiKeys.createdAt, byCodePoint(apiKeys.id));
  return rows.map(toKey);
}

export async function revokeKey(db: Db, id: string): Promise<ApiKeyRecord | null> {
  await db.update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return getKey(db, id);
}
