// Opens the shared storage of a scale-out runtime instance: the catalog and the billing ledger on
// PostgreSQL, and — with Redis — limits, quotas, redemptions and the usage stream on Redis, cache
// invalidation over pub/sub, and optionally the stream consumer inside this process.
import type { Redis } from 'ioredis';
import { openPg, type PgHandle } from '../../catalog/pg/db.ts';
import { createPgCatalogStore } from '../../catalog/pg/store.ts';
import type { CatalogStore } from '../../catalog/store.ts';
import { createPgBillingStores } from '../../billing/pg/index.ts';
import { closeRedis, connectRedis } from '../../billing/redis/client.ts';
import { RedisQuotaStore } from '../../billing/redis/quota-store.ts';
import { RedisRateLimitStore } from '../../billing/redis/rate-limit-store.ts';
import { RedisRedemptionStore } from '../../billing/redis/redemption-store.ts';
import { UsageStreamConsumer } from '../../billing/redis/usage-consumer.ts';
import { RedisUsageStore } from '../../billing/redis/usage-store.ts';
import type { SlaTierTable } from '../../billing/sla-tiers.ts';
import type { BillingStores } from '../../billing/stores.ts';
import type { CatalogCache } from '../catalog-cache.ts';
import type { CompilerApi } from '../compiler.ts';
import { BroadcastingCatalogCache } from './broadcasting-cache.ts';
import type { StorageConfig } from './config.ts';
import { InvalidationBus } from './invalidation.ts';
import { PgInvalidationBus } from './pg-invalidation.ts';

/** Wraps a fetch so a write's response leaves only after its invalidations were broadcast. */
function settleAfter<F extends (request: Request, ...rest: any[]) => Response | Promise<Response>>(fetch: F, cache: () => BroadcastingCatalogCache | null): F {
  return (async (request: Request, ...rest: unknown[]) => {
    const response = await fetch(request, ...rest);
    // Only writes invalidate; for the execute path this is an empty set and costs nothing.
    const c = cache();
    if (c && request.method !== 'GET') await c.settled();
    return response;
  }) as F;
}

/** Options of {@link openClusterBackend}. */
export interface ClusterBackendOptions {
  /** Run the usage stream consumer in this process (default true; `rulemart worker` runs it apart). */
  consumeUsage?: boolean;
  /** Name of this process' stream consumer (default host-pid). */
  consumerName?: string;
  /** How long a dead consumer's entries wait before another takes them (default 30 s). */
  claimIdleMs?: number;
  slaTiers?: SlaTierTable;
  /** Told about background failures (broadcasts, the consumer); they never crash the process. */
  onError?: (what: string, error: unknown) => void;
}

/** The shared storage of one instance. */
export interface ClusterBackend {
  config: StorageConfig;
  pg: PgHandle;
  store: CatalogStore;
  billing: BillingStores;
  /** The command connection (null without Redis). */
  redis: Redis | null;
  /** The catalog cache to give the app: broadcasting with Redis, plain without. */
  makeCache(loadCompiler: () => Promise<CompilerApi>): CatalogCache;
  /** Wraps the app's fetch so a response leaves only after its invalidations were broadcast. */
  wrapFetch<F extends (request: Request, ...rest: any[]) => Response | Promise<Response>>(fetch: F): F;
  consumer: UsageStreamConsumer | null;
  /** Readiness: PostgreSQL and (when used) Redis answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL (migrating it) and, when configured, Redis. Without Redis every billing store is
 * on PostgreSQL and invalidations travel over LISTEN/NOTIFY; with Redis the counters, the usage
 * stream and the invalidations move there.
 *
 * @example
 * const backend = await openClusterBackend(resolveStorage({ databaseUrl, redisUrl }));
 */
export async function openClusterBackend(config: StorageConfig, options: ClusterBackendOptions = {}): Promise<ClusterBackend> {
  if (!config.databaseUrl) throw new Error('openClusterBackend needs a DATABASE_URL');
  const report = options.onError ?? (() => {});
  const pg = await openPg(config.databaseUrl);
  const store = createPgCatalogStore(pg);
  const sql = createPgBillingStores(pg.pool, { slaTiers: options.slaTiers });

  if (!config.redisUrl) {
    // No Redis: invalidations travel over PostgreSQL NOTIFY instead.
    const notify = new PgInvalidationBus(config.databaseUrl, pg, (e) => report('invalidation', e));
    let plainCache: BroadcastingCatalogCache | null = null;
    await notify.listen((message) => {
      if (message.type === 'sla-tiers' || message.type === 'all') sql.slaTiers.invalidate();
      plainCache?.applyRemote(message);
    });
    const slaTiersPg = sql.slaTiers;
    const billingPg: BillingStores = {
      ...sql,
      slaTiers: {
        tableFor: (period) => slaTiersPg.tableFor(period),
        put: async (tier, from) => {
          await slaTiersPg.put(tier, from);
          await notify.publish({ type: 'sla-tiers' }).catch((e) => report('broadcast', e));
        },
      },
    };
    return {
      config, pg, store, billing: billingPg, redis: null, consumer: null,
      makeCache(loadCompiler) {
        plainCache = new BroadcastingCatalogCache(store, loadCompiler, notify, (e) => report('broadcast', e));
        return plainCache;
      },
      wrapFetch: (fetch) => settleAfter(fetch, () => plainCache),
      ping: () => store.ping(),
      async close() {
        await plainCache?.settled();
        await notify.close();
        await pg.close();
      },
    };
  }

  const prefix = config.redisPrefix;
  const redis = connectRedis(config.redisUrl, { connectionName: 'rulemart-runtime', autoPipelining: true });
  // The usage store sends one script call per event-loop turn itself; auto-pipelining would only wrap
  // each of them in a pipeline of one (measured: ~15 us more CPU per call), so it has its own connection.
  const usageConnection = connectRedis(config.redisUrl, { connectionName: 'rulemart-usage' });
  const subscriber = connectRedis(config.redisUrl, { connectionName: 'rulemart-invalidation', commandTimeoutMs: 10_000 });
  try {
    await redis.ping();
  } catch (error) {
    await pg.close();
    redis.disconnect();
    usageConnection.disconnect();
    subscriber.disconnect();
    throw new Error(`Redis is not reachable at ${config.redisUrl}: ${String(error)}`);
  }
  const bus = new InvalidationBus(redis, subscriber, prefix);
  let cache: BroadcastingCatalogCache | null = null;
  const slaTiers = sql.slaTiers;
  await bus.listen((message) => {
    if (message.type === 'sla-tiers' || message.type === 'all') slaTiers.invalidate();
    cache?.applyRemote(message);
  });

  const billing: BillingStores = {
    usage: new RedisUsageStore(usageConnection, prefix, sql.usage),
    idempotency: sql.idempotency,
    rateLimits: new RedisRateLimitStore(redis, prefix),
    quotas: new RedisQuotaStore(redis, prefix),
    redemptions: new RedisRedemptionStore(redis, prefix),
    slaTiers: {
      tableFor: (period) => slaTiers.tableFor(period),
      put: async (tier, from) => {
        await slaTiers.put(tier, from);
        await bus.publish({ type: 'sla-tiers' }).catch((e) => report('broadcast', e));
      },
    },
    close: async () => {},
  };

  let consumer: UsageStreamConsumer | null = null;
  let consumerConnection: Redis | null = null;
  if (options.consumeUsage !== false) {
    consumerConnection = connectRedis(config.redisUrl, { connectionName: 'rulemart-usage-consumer', commandTimeoutMs: 15_000 });
    consumer = new UsageStreamConsumer(consumerConnection, prefix, sql.usage, {
      consumer: options.consumerName, claimIdleMs: options.claimIdleMs, onError: (e) => report('usage consumer', e),
    });
    consumer.start();
  }

  return {
    config, pg, store, billing, redis, consumer,
    makeCache(loadCompiler) {
      cache = new BroadcastingCatalogCache(store, loadCompiler, bus, (e) => report('broadcast', e));
      return cache;
    },
    wrapFetch: (fetch) => settleAfter(fetch, () => cache),
    async ping() {
      await store.ping();
      await redis.ping();
      await usageConnection.ping();
    },
    async close() {
      await consumer?.stop();
      if (consumerConnection) await closeRedis(consumerConnection);
      await cache?.settled();
      await closeRedis(subscriber);
      await closeRedis(usageConnection);
      await closeRedis(redis);
      await pg.close();
    },
  };
}
