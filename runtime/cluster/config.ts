// Which storage the runtime uses, decided once from flags and environment: the embedded SQLite
// file by default, PostgreSQL when DATABASE_URL (or --database-url) is given, and Redis on top when
// REDIS_URL (or --redis-url) is given.

/** The storage choice of one process. */
export interface StorageConfig {
  mode: 'sqlite' | 'postgres' | 'postgres+redis';
  /** SQLite file (sqlite mode). */
  dbPath: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Prefix of every Redis key and channel, so deployments can share one Redis (default `rulemart:`). */
  redisPrefix: string;
}

/** Thrown for a combination of settings that cannot work; the CLI prints it and exits 2. */
export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigError';
  }
}

/**
 * Resolves the storage from explicit values (flags) first, then the environment
 * (`DATABASE_URL`, `REDIS_URL`, `RULEMART_REDIS_PREFIX`, `RULEMART_DB`).
 * Redis without PostgreSQL is refused: instances cannot share an SQLite file, and the usage stream
 * needs a shared ledger to flow into.
 */
export function resolveStorage(given: { dbPath?: string; databaseUrl?: string; redisUrl?: string; redisPrefix?: string }, env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const databaseUrl = given.databaseUrl || env.DATABASE_URL || null;
  const redisUrl = given.redisUrl || env.REDIS_URL || null;
  const redisPrefix = given.redisPrefix || env.RULEMART_REDIS_PREFIX || 'rulemart:';
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new StorageConfigError(`DATABASE_URL must be a postgres:// URL (got ${databaseUrl.split(':')[0]}:)`);
  }
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new StorageConfigError(`REDIS_URL must be a redis:// or rediss:// URL (got ${redisUrl.split(':')[0]}:)`);
  }
  if (redisUrl && !databaseUrl) {
    throw new StorageConfigError('REDIS_URL needs DATABASE_URL too: the usage stream flows into the PostgreSQL ledger, and instances cannot share an SQLite file');
  }
  if (!/^[A-Za-z0-9:_.-]{0,64}$/.test(redisPrefix)) throw new StorageConfigError(`invalid Redis key prefix: ${redisPrefix}`);
  return {
    mode: databaseUrl ? (redisUrl ? 'postgres+redis' : 'postgres') : 'sqlite',
    dbPath: given.dbPath || env.RULEMART_DB || '.data/rulemart.db',
    databaseUrl, redisUrl, redisPrefix,
  };
}
