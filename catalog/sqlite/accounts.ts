// SQLite access to settings, tenants and API keys (synchronous; store.ts wraps it in the async interface).
import { and, eq, isNull } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { apiKeys, settings, tenants } from '../schema/sqlite/catalog.ts';
import { ConflictError, type ApiKeyRecord, type Scope, type Tenant } from '../store.ts';
import { isUniqueViolation } from './errors.ts';

type Db = BetterSQLite3Database;

export function getSetting(db: Db, key: string): string | null {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
}

export function initSetting(db: Db, key: string, value: string): string {
  db.insert(settings).values({ key, value }).onConflictDoNothing().run();
  return getSetting(db, key)!;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

export function createTenant(db: Db, t: { id: string; name: string }): Tenant {
  const row = { id: t.id, name: t.name, createdAt: new Date().toISOString() };
  try {
    db.insert(tenants).values(row).run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`tenant ${t.id} exists`, 'tenant');
    throw e;
  }
  return row;
}

export function getTenant(db: Db, id: string): Tenant | null {
  return db.select().from(tenants).where(eq(tenants.id, id)).get() ?? null;
}

export function listTenants(db: Db): Tenant[] {
  return db.select().from(tenants).orderBy(tenants.id).all();
}

function toKey(row: typeof apiKeys.$inferSelect): ApiKeyRecord {
  return { ...row, scopes: JSON.parse(row.scopes) as Scope[] };
}

export function insertKey(db: Db, k: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): ApiKeyRecord {
  const row = { ...k, scopes: JSON.stringify(k.scopes), createdAt: new Date().toISOString(), revokedAt: null };
  try {
    db.insert(apiKeys).values(row).run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`key ${k.id} exists`, 'key');
    throw e;
  }
  return toKey(row);
}

export function findKeyByHash(db: Db, hash: string): ApiKeyRecord | null {
  const row = db.select().from(apiKeys).where(eq(apiKeys.hash, hash)).get();
  return row ? toKey(row) : null;
}

export function getKey(db: Db, id: string): ApiKeyRecord | null {
  const row = db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  return row ? toKey(row) : null;
}

export function listKeys(db: Db, tenantId: string): ApiKeyRecord[] {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(apiKeys.createdAt, apiKeys.id).all().map(toKey);
}

export function revokeKey(db: Db, id: string): ApiKeyRecord | null {
  db.update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).run();
  return getKey(db, id);
}
