// Test support for the Redis-backed pieces: a client on the local Redis that fails loudly when it
// is missing (never a skipped test), and a fresh key prefix per test file that is cleaned up after.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis, closeRedis } from './client.ts';

/** The Redis the tests use: REDIS_URL, or the local one. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Connects to the test Redis and pings it; throws with a clear message when it is not reachable,
 * so a missing Redis fails the suite instead of skipping it.
 */
export async function openTestRedis(): Promise<Redis> {
  const client = connectRedis(TEST_REDIS_URL, { connectionName: 'rulemart-test' });
  try {
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`Redis is required for these tests and is not reachable at ${TEST_REDIS_URL}: ${String(error)}`);
  }
  return client;
}

/** A key prefix no other test run uses, e.g. `rmtest:1a2b3c4d:`. */
export function freshPrefix(): string {
  return `rmtest:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix` and closes the client. */
export async function dropPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
  await closeRedis(client);
}
