// The runtime's catalog cache for several instances: every invalidation made here (a revoked key, a
// publish, a rollout, a subscription or kill-switch change) is also broadcast, and invalidations
// broadcast by other instances are applied here. Responses wait for their broadcasts (see
// `settled`), so once a client has seen a revocation succeed, every instance refuses the key.
import type { CatalogStore } from '../../catalog/store.ts';
import { CatalogCache, type Entitlement, type SkuEntry } from '../catalog-cache.ts';
import type { CompilerApi } from '../compiler.ts';
import type { Invalidation, InvalidationChannel } from './invalidation.ts';

/**
 * A {@link CatalogCache} whose invalidations reach every instance. It delegates to an inner cache
 * that it replaces wholesale on an `all` invalidation (after a pub/sub reconnect).
 */
export class BroadcastingCatalogCache extends CatalogCache {
  private inner: CatalogCache;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Catalog versions of the inner caches replaced so far (each replacement counts one more). */
  private replacedVersions = 0;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly loadCompiler: () => Promise<CompilerApi>,
    private readonly bus: InvalidationChannel,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly onRemote: (message: Invalidation) => void = () => {},
  ) {
    super(catalog, loadCompiler);
    this.inner = new CatalogCache(catalog, loadCompiler);
  }

  override key(hash: string) {
    return this.inner.key(hash);
  }

  override sku(id: string): Promise<SkuEntry | null> {
    return this.inner.sku(id);
  }

  override executor(entry: SkuEntry, version: string) {
    return this.inner.executor(entry, version);
  }

  override entitlement(tenantId: string, sku: string): Promise<Entitlement> {
    return this.inner.entitlement(tenantId, sku);
  }

  override invalidateKey(keyId: string): void {
    this.inner.invalidateKey(keyId);
    this.broadcast({ type: 'key', keyId });
  }

  override catalogVersion(): number {
    return this.replacedVersions + this.inner.catalogVersion();
  }

  override invalidateSku(id: string): void {
    this.inner.invalidateSku(id);
    this.broadcast({ type: 'sku', sku: id });
  }

  override invalidateEntitlement(tenantId: string, sku: string): void {
    this.inner.invalidateEntitlement(tenantId, sku);
    this.broadcast({ type: 'entitlement', tenantId, sku });
  }

  /** Applies an invalidation received from another instance (nothing is re-broadcast). */
  applyRemote(message: Invalidation): void {
    switch (message.type) {
      case 'key': this.inner.invalidateKey(message.keyId); break;
      case 'sku': this.inner.invalidateSku(message.sku); break;
      case 'entitlement': this.inner.invalidateEntitlement(message.tenantId, message.sku); break;
      case 'all':
        this.replacedVersions += this.inner.catalogVersion() + 1;
        this.inner = new CatalogCache(this.catalog, this.loadCompiler);
        break;
      default: break;
    }
    this.onRemote(message);
  }

  /** Broadcasts a change made outside the cache (e.g. SLA tiers). */
  broadcast(message: Exclude<Invalidation, { type: 'all' }>): void {
    const sent = this.bus.publish(message).catch(this.onError);
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /** Resolves when every broadcast started so far has reached Redis (or failed and was reported). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
