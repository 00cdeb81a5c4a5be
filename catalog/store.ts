// The catalog's data access, independent of the database: tenants, API keys, SKUs and their
// versions, subscriptions, kill switches and rollouts. SQLite implements it in catalog/sqlite/;
// a PostgreSQL implementation must pass the same suite (catalog/store.suite.ts).
import type { DocumentKind } from '../dsl/model.ts';

export type Scope = 'execute' | 'publish' | 'read';
export const SCOPES: readonly Scope[] = ['execute', 'publish', 'read'];
export type Visibility = 'private' | 'public';
/**
 * An SLA tier name: any tier of the operator's tier table in force when subscribing
 * (billing/sla-tiers.ts; the defaults are bronze, silver and gold, and the operator may add tiers).
 */
export type Sla = string;

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

/** A stored API key: never the key itself, only its sha256. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  hash: string;
  /** The first characters of the key, so people can tell keys apart. */
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

export interface SkuRecord {
  id: string;
  owner: string;
  kind: DocumentKind;
  name: string;
  visibility: Visibility;
  createdAt: string;
  updatedAt: string;
}

/** One compiled version of a SKU, as published. */
export interface VersionRecord {
  sku: string;
  version: string;
  major: number;
  minor: number;
  patch: number;
  kind: DocumentKind;
  title: string | null;
  description: string | null;
  source: string;
  sourceHash: string;
  /** executor.js: the self-contained ES module that loadExecutor() loads. */
  module: string;
  typescript: string;
  declarations: string;
  inputSchema: string;
  paramsSchema: string;
  outputSchema: string;
  manifest: string;
  /** JSON of the input's `Field[]` (dsl/types/type.ts), for breaking-change checks. */
  inputType: string;
  visibility: Visibility;
  owner: string;
  createdAt: string;
}

/** A version without the heavy text columns, for listings. */
export type VersionSummary = Pick<VersionRecord, 'sku' | 'version' | 'sourceHash' | 'visibility' | 'createdAt' | 'title'>;

export interface Subscription {
  tenantId: string;
  sku: string;
  sla: Sla;
  params: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Rollout {
  sku: string;
  stable: string;
  canary: { version: string; percent: number; tenants: string[]; channels: string[] } | null;
  updatedAt: string;
}

/** Thrown by a write that collides with a row that exists (a tenant id, a SKU version). */
export class ConflictError extends Error {
  constructor(message: string, readonly what: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** What `insertVersions` writes for one document: its SKU row (created when new) and its version. */
export interface NewVersion {
  sku: Omit<SkuRecord, 'createdAt' | 'updatedAt'>;
  version: Omit<VersionRecord, 'createdAt'>;
  /** Set the SKU's visibility to the version's (an explicit `?visibility=`); otherwise keep it. */
  setVisibility: boolean;
}

/**
 * The catalog store. Methods are async so that a networked database can implement them.
 * Reads return `null` for a missing row; writes that collide throw {@link ConflictError}.
 */
export interface CatalogStore {
  /** Succeeds when the database answers (readiness). */
  ping(): Promise<void>;

  getSetting(key: string): Promise<string | null>;
  /** Sets the value only when the key has none; returns the value in force afterwards. */
  initSetting(key: string, value: string): Promise<string>;
  setSetting(key: string, value: string): Promise<void>;

  createTenant(t: { id: string; name: string }): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | null>;
  listTenants(): Promise<Tenant[]>;

  insertKey(k: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord>;
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  getKey(id: string): Promise<ApiKeyRecord | null>;
  listKeys(tenantId: string): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked (once); returns it, or null when there is no such key. */
  revokeKey(id: string): Promise<ApiKeyRecord | null>;

  getSku(id: string): Promise<SkuRecord | null>;
  /** SKUs the viewer may see: public ones and its own; `q` matches id or title, case-insensitively. */
  listSkus(query: { viewer: string; kind?: DocumentKind; q?: string }): Promise<(SkuRecord & { title: string | null; latest: string })[]>;
  getVersion(sku: string, version: string): Promise<VersionRecord | null>;
  /** All versions of a SKU, oldest semver first. */
  listVersions(sku: string): Promise<VersionRecord[]>;
  /**
   * Writes every version (and new SKU rows) in one transaction: all or nothing.
   * Throws ConflictError if any (sku, version) exists already or a SKU belongs to another owner.
   */
  insertVersions(items: NewVersion[]): Promise<void>;

  getRollout(sku: string): Promise<Rollout | null>;
  setRollout(r: Omit<Rollout, 'updatedAt'>): Promise<Rollout>;

  /** Creates or replaces the tenant's subscription; `created` tells which. */
  subscribe(s: { tenantId: string; sku: string; sla: Sla; params: Record<string, unknown> }): Promise<{ subscription: Subscription; created: boolean }>;
  getSubscription(tenantId: string, sku: string): Promise<Subscription | null>;
  listSubscriptions(tenantId: string): Promise<Subscription[]>;
  unsubscribe(tenantId: string, sku: string): Promise<boolean>;

  /** The kill switch: false disables the SKU for the tenant. */
  setEnabled(tenantId: string, sku: string, enabled: boolean): Promise<void>;
  /** true unless the operator switched the SKU off for the tenant. */
  isEnabled(tenantId: string, sku: string): Promise<boolean>;

  close(): Promise<void>;
}
