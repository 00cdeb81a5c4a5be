// Redis connections for the scale-out mode: one place that decides timeouts, retries and how an
// unreachable Redis surfaces (a RedisUnavailableError the runtime turns into a 503, never a hang).
import { Redis } from 'ioredis';

/** Thrown (or rejected) when Redis cannot be reached or does not answer in time. */
export class RedisUnavailableError extends Error {
  readonly code = 'redis-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

/** Options of {@link connectRedis}. */
export interface RedisConnectOptions {
  /** Milliseconds a single command may take before it fails (default 2000). */
  commandTimeoutMs?: number;
  /** Name shown by CLIENT LIST, handy when several instances share one Redis. */
  connectionName?: string;
  /**
   * Send the commands issued in one event-loop turn as one write (ioredis auto-pipelining): under
   * concurrent calls this saves a syscall per command. Never on a connection that blocks (XREADGROUP
   * BLOCK) or subscribes.
   */
  autoPipelining?: boolean;
}

/**
 * Opens an ioredis client for `url` (`redis://[user:pass@]host:port[/db]`).
 * Commands fail fast while the connection is down (no endless offline queue), so a request
 * waiting on a money limit gets a clear error instead of hanging until the load balancer gives up.
 * The client reconnects by itself in the background.
 */
export function connectRedis(url: string, options: RedisConnectOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    enableOfflineQueue: true,
    connectionName: options.connectionName,
    enableAutoPipelining: options.autoPipelining ?? false,
    // Reconnect with a capped backoff; an unreachable Redis is reported per command, not here.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    lazyConnect: false,
  });
  // Without a listener ioredis prints every connection error; the commands report them instead.
  client.on('error', () => {});
  return client;
}

/** True for errors that mean "Redis is not reachable right now" (as opposed to a script bug). */
export function isRedisConnectionError(error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message} ${(error as { code?: string }).code ?? ''}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|Connection is closed|Command timed out|MaxRetriesPerRequest|Stream isn't writeable|enableOfflineQueue|LOADING|MASTERDOWN|READONLY|TRYAGAIN/i.test(text);
}

/**
 * Runs `operation` and turns a connection failure into a {@link RedisUnavailableError}, so callers
 * can answer 503 without knowing ioredis' error zoo. Other errors pass through unchanged.
 */
export async function withRedis<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isRedisConnectionError(error)) {
      throw new RedisUnavailableError(`Redis is unreachable (${what})`, { cause: error });
    }
    throw error;
  }
}

/** Closes a client without waiting on a dead server (QUIT would block until the timeout). */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through to a hard disconnect
    }
  }
  client.disconnect();
}
