// In-memory caches in front of the catalog store for the execute path: API keys by hash, SKUs with
// their versions, rollout and loaded executors, and entitlements (subscription and kill switch).
// Every write that changes one of them invalidates it at once, so a revoked key or a new rollout
// takes effect on the next request; a load that raced with an invalidation is not kept.
import type { Executor } from '../compiler/runtime/plan.ts';
import type { ApiKeyRecord, CatalogStore, Rollout, SkuRecord, Subscription, VersionSummary } from '../catalog/store.ts';
import type { CompilerApi } from './compiler.ts';

/** A SKU as the execute path needs it. */
export interface SkuEntry {
  record: SkuRecord;
  /** Oldest first (semver). */
  versions: VersionSummary[];
  latest: string;
  rollout: Rollout | null;
  /** Executors loaded so far, by version. */
  executors: Map<string, Executor<any, any, any>>;
}

export interface Entitlement {
  subscription: Subscription | null;
  enabled: boolean;
}

/** A map whose loads are dropped when an invalidation happened while they ran. */
class LoadingCache<V> {
  private readonly values = new Map<string, V>();
  private generation = 0;

  constructor(private readonly max = 100_000) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    const gen = this.generation;
    const value = await load();
    if (gen === this.generation) {
      if (this.values.size >= this.max) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }

  delete(key: string): void {
    this.generation++;
    this.values.delete(key);
  }

  deleteWhere(pred: (key: string, value: V) => boolean): void {
    this.generation++;
    for (const [k, v] of this.values) if (pred(k, v)) this.values.delete(k);
  }

  clear(): void {
    this.generation++;
    this.values.clear();
  }
}

/**
 * The runtime's caches over a {@link CatalogStore}. Call the `invalidate*` methods after every
 * write that changes what they hold (admin, publish, rollout and subscription routes do).
 */
export class CatalogCache {
  private readonly keys = new LoadingCache<ApiKeyRecord | null>();
  private readonly skus = new LoadingCache<SkuEntry | null>(10_000);
  private readonly entitlements = new LoadingCache<Entitlement>();
  private skuInvalidations = 0;

  constructor(
    private readonly store: CatalogStore,
    private readonly compiler: () => Promise<CompilerApi>,
  ) {}

  /** The key with this hash (revoked or not), or null. */
  key(hash: string): Promise<ApiKeyRecord | null> {
    return this.keys.get(hash, () => this.store.findKeyByHash(hash));
  }

  sku(id: string): Promise<SkuEntry | null> {
    return this.skus.get(id, async () => {
      const record = await this.store.getSku(id);
      if (!record) return null;
      const versions = (await this.store.listVersions(id)).map(({ sku, version, sourceHash, visibility, createdAt, title }) => ({ sku, version, sourceHash, visibility, createdAt, title }));
      const latest = versions[versions.length - 1];
      if (!latest) return null;
      return { record, versions, latest: latest.version, rollout: await this.store.getRollout(id), executors: new Map() };
    });
  }

  /** The loaded executor of one version (compiled module text from the store, loaded once). */
  async executor(entry: SkuEntry, version: string): Promise<Executor<any, any, any> | null> {
    const hit = entry.executors.get(version);
    if (hit) return hit;
    const row = await this.store.getVersion(entry.record.id, version);
    if (!row) return null;
    const { loadExecutor } = await this.compiler();
    const executor = loadExecutor(row.module);
    entry.executors.set(version, executor);
    return executor;
  }

  entitlement(tenantId: string, sku: string): Promise<Entitlement> {
    return this.entitlements.get(`${tenantId}\u0000${sku}`, async () => ({
      subscription: await this.store.getSubscription(tenantId, sku),
      enabled: await this.store.isEnabled(tenantId, sku),
    }));
  }

  invalidateKey(keyId: string): void {
    this.keys.deleteWhere((_hash, rec) => rec?.id === keyId);
  }

  invalidateSku(id: string): void {
    this.skuInvalidations++;
    this.skus.delete(id);
  }

  /**
   * The catalog's version as this cache knows it: it moves on every SKU invalidation (publish,
   * rollout), so what is built from the catalog (the OpenAPI document) can be kept until it moves.
   */
  catalogVersion(): number {
    return this.skuInvalidations;
  }

  invalidateEntitlement(tenantId: string, sku: string): void {
    this.entitlements.delete(`${tenantId}\u0000${sku}`);
  }
}
