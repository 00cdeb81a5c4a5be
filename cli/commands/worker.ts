// `rulemart worker`: runs the usage stream consumer apart from the servers — reads the Redis usage
// stream through its consumer group, writes every event to the PostgreSQL ledger once, acknowledges
// it, and takes over what crashed consumers left pending. `--drain` processes what is there and exits
// (run it before `rulemart reconcile` to be sure the ledger holds every event).
import { parseFlags, UsageError } from '../args.ts';

/** Runs the consumer until SIGINT/SIGTERM, or once with --drain; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { flags } = parseFlags(argv, {
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    'redis-prefix': { type: 'string' },
    name: { type: 'string' },
    'claim-idle-ms': { type: 'string' },
    drain: { type: 'boolean' },
    quiet: { type: 'boolean' },
  });
  const { resolveStorage, StorageConfigError } = await import('../../runtime/cluster/config.ts');
  let config;
  try {
    config = resolveStorage({
      databaseUrl: flags['database-url'] as string | undefined,
      redisUrl: flags['redis-url'] as string | undefined,
      redisPrefix: flags['redis-prefix'] as string | undefined,
    });
  } catch (error) {
    if (error instanceof StorageConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (config.mode !== 'postgres+redis') throw new UsageError('worker needs --database-url and --redis-url (or DATABASE_URL and REDIS_URL)');
  const claimText = flags['claim-idle-ms'] as string | undefined;
  const claimIdleMs = claimText === undefined ? undefined : Number(claimText);
  if (claimIdleMs !== undefined && (!Number.isInteger(claimIdleMs) || claimIdleMs < 0)) throw new UsageError('--claim-idle-ms must be a whole number of milliseconds');

  const { openPg } = await import('../../catalog/pg/db.ts');
  const { PgUsageStore } = await import('../../billing/pg/usage-store.ts');
  const { connectRedis, closeRedis } = await import('../../billing/redis/client.ts');
  const { UsageStreamConsumer } = await import('../../billing/redis/usage-consumer.ts');
  const out = (s: string) => { if (!flags.quiet) process.stdout.write(s + '\n'); };

  const pg = await openPg(config.databaseUrl!);
  const redis = connectRedis(config.redisUrl!, { connectionName: 'rulemart-worker', commandTimeoutMs: 15_000 });
  try {
    await redis.ping();
  } catch (error) {
    await pg.close();
    redis.disconnect();
    process.stderr.write(`rulemart worker: Redis is not reachable at ${config.redisUrl}: ${String(error)}\n`);
    return 1;
  }
  const consumer = new UsageStreamConsumer(redis, config.redisPrefix, new PgUsageStore(pg.pool), {
    consumer: flags.name as string | undefined,
    claimIdleMs,
    onError: (e) => process.stderr.write(`rulemart worker: ${e instanceof Error ? e.message : String(e)} (will retry)\n`),
  });
  try {
    if (flags.drain) {
      const count = await consumer.drain(claimIdleMs ?? 0);
      out(`drained ${count} usage stream entries into the ledger`);
      return 0;
    }
    consumer.start();
    out(`rulemart worker ${consumer.consumer} consuming ${config.redisPrefix}usage (group ${consumer.group})`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await consumer.stop();
    return 0;
  } finally {
    await closeRedis(redis);
    await pg.close();
  }
}
