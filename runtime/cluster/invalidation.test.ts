// Pub/sub invalidation against the local Redis: a change broadcast by one instance's cache is applied
// by the other within a moment (and never echoed back to the sender);
// a reconnect drops everything; storage selection refuses combinations that cannot work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { CatalogStore } from '../../catalog/store.ts';
import { dropPrefix, freshPrefix, openTestRedis } from '../../billing/redis/testing.ts';
import type { CompilerApi } from '../compiler.ts';
import { BroadcastingCatalogCache } from './broadcasting-cache.ts';
import { resolveStorage, StorageConfigError } from './config.ts';
import { InvalidationBus, type Invalidation } from './invalidation.ts';

let redis: Redis;
const prefix = freshPrefix();
const extra: Redis[] = [];
beforeAll(async () => { redis = await openTestRedis(); });
afterAll(async () => { for (const c of extra) c.disconnect(); await dropPrefix(redis, prefix); });

async function connection(): Promise<Redis> {
  const c = await openTestRedis();
  extra.push(c);
  return c;
}

/** A catalog store that counts key lookups: enough to see whether a cache entry was dropped. */
function countingStore() {
  const calls = { keys: 0 };
  const store = {
    findKeyByHash: async (hash: string) => { calls.keys++; return { id: 'key_1', tenantId: 'acme', hash, prefix: 'rk_', scopes: ['execute'], createdAt: '', revokedAt: null }; },
  } as unknown as CatalogStore;
  return { store, calls };
}

const noCompiler = async () => { throw new Error('not used'); };

async function waitFor(predicate: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('InvalidationBus', () => {
  it('resolves publish only after every other listening instance has applied the message', async () => {
    const p = freshPrefix();
    const sender = new InvalidationBus(redis, await connection(), p);
    const receivers = [new InvalidationBus(redis, await connection(), p), new InvalidationBus(redis, await connection(), p)];
    const applied: string[][] = [[], []];
    await sender.listen(() => {});
    for (const [i, r] of receivers.entries()) await r.listen((m) => { if (m.type === 'key') applied[i]!.push(m.keyId); });
    for (let round = 0; round < 20; round++) {
      const keyId = `key_${round}`;
      expect(await sender.publish({ type: 'key', keyId })).toBe(3); // both receivers and the sender's own subscriber
      // No waiting here: when publish resolved, both receivers had already dropped the key.
      expect(applied.map((a) => a.at(-1))).toEqual([keyId, keyId]);
    }
  });

  it('does not wait past its timeout for an instance that never acknowledges', async () => {
    const p = freshPrefix();
    const sender = new InvalidationBus(redis, await connection(), p, 100);
    await sender.listen(() => {});
    const mute = await connection();
    await mute.subscribe(`${p}invalidate`); // a subscriber that never acknowledges
    const t0 = Date.now();
    expect(await sender.publish({ type: 'key', keyId: 'k' })).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('delivers to other instances, not back to the sender, and ignores garbage', async () => {
    const a = new InvalidationBus(redis, await connection(), prefix);
    const b = new InvalidationBus(redis, await connection(), prefix);
    const seenA: Invalidation[] = []; const seenB: Invalidation[] = [];
    await a.listen((m) => seenA.push(m));
    await b.listen((m) => seenB.push(m));
    await redis.publish(a.channel, 'not json');
    await redis.publish(a.channel, JSON.stringify({ origin: 'x' }));
    expect(await a.publish({ type: 'key', keyId: 'key_1' })).toBe(2);
    await waitFor(() => seenB.length === 1);
    expect(seenB).toEqual([{ type: 'key', keyId: 'key_1' }]);
    expect(seenA).toEqual([]);
  });
});

describe('BroadcastingCatalogCache', () => {
  it('drops a key on the other instance when it is revoked here', async () => {
    const one = countingStore(); const two = countingStore();
    const busA = new InvalidationBus(redis, await connection(), prefix);
    const busB = new InvalidationBus(redis, await connection(), prefix);
    const a = new BroadcastingCatalogCache(one.store, noCompiler as () => Promise<CompilerApi>, busA);
    const b = new BroadcastingCatalogCache(two.store, noCompiler as () => Promise<CompilerApi>, busB);
    const remote: Invalidation[] = [];
    await busA.listen((m) => a.applyRemote(m));
    await busB.listen((m) => { b.applyRemote(m); remote.push(m); });
    await b.key('h1'); await b.key('h1');
    expect(two.calls.keys).toBe(1);
    a.invalidateKey('key_1');
    await a.settled();
    await waitFor(() => remote.length === 1);
    await b.key('h1');
    expect(two.calls.keys).toBe(2);
  });

  it('forgets everything when told `all` (after a reconnect)', async () => {
    const one = countingStore();
    const bus = new InvalidationBus(redis, await connection(), prefix);
    const cache = new BroadcastingCatalogCache(one.store, noCompiler as () => Promise<CompilerApi>, bus);
    await cache.key('h'); await cache.key('h');
    cache.applyRemote({ type: 'all' });
    await cache.key('h');
    expect(one.calls.keys).toBe(2);
  });

  it('reports a failed broadcast instead of throwing', async () => {
    const dead = await connection();
    const bus = new InvalidationBus(dead, await connection(), prefix);
    const errors: unknown[] = [];
    const cache = new BroadcastingCatalogCache(countingStore().store, noCompiler as () => Promise<CompilerApi>, bus, (e) => errors.push(e));
    dead.disconnect();
    cache.invalidateSku('promo:a:v1');
    await cache.settled();
    expect(errors).toHaveLength(1);
  });
});

describe('resolveStorage', () => {
  it('defaults to SQLite and picks PostgreSQL and Redis from flags before the environment', () => {
    expect(resolveStorage({}, {})).toMatchObject({ mode: 'sqlite', dbPath: '.data/rulemart.db', redisPrefix: 'rulemart:' });
    expect(resolveStorage({}, { DATABASE_URL: 'postgres://a@h/db' })).toMatchObject({ mode: 'postgres', databaseUrl: 'postgres://a@h/db' });
    expect(resolveStorage({ redisUrl: 'redis://h:6379' }, { DATABASE_URL: 'postgres://a@h/db', REDIS_URL: 'redis://other' }))
      .toMatchObject({ mode: 'postgres+redis', redisUrl: 'redis://h:6379' });
  });
  it('refuses Redis without PostgreSQL and malformed URLs', () => {
    expect(() => resolveStorage({ redisUrl: 'redis://h' }, {})).toThrow(StorageConfigError);
    expect(() => resolveStorage({ databaseUrl: 'mysql://h' }, {})).toThrow(/postgres/);
    expect(() => resolveStorage({ databaseUrl: 'postgres://h', redisUrl: 'http://h' }, {})).toThrow(/redis/);
    expect(() => resolveStorage({ databaseUrl: 'postgres://h', redisPrefix: 'a b' }, {})).toThrow(/prefix/);
  });
});
