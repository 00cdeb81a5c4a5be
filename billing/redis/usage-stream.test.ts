// The usage stream end to end against the local Redis and PostgreSQL: appended events reach the
// SQL ledger exactly once through the consumer group, a dead consumer's entries are reclaimed with
// XAUTOCLAIM, trimming never drops an entry that is pending or not yet delivered, and an entry that
// is not an event goes to the dead-letter stream instead of stopping the consumer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { PgHandle } from '../../catalog/pg/db.ts';
import { openTestPg } from '../../catalog/pg/testing.ts';
import { PgUsageStore } from '../pg/usage-store.ts';
import type { NewUsageEvent } from '../stores.ts';
import { UsageStreamConsumer, compareStreamIds } from './usage-consumer.ts';
import { RedisUsageStore, usageStreamKey } from './usage-store.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
let pg: { handle: PgHandle; drop: () => Promise<void> };
beforeAll(async () => { redis = await openTestRedis(); pg = await openTestPg(); });
afterAll(async () => { await pg.drop(); });

const ALL = { from: 0, to: Number.MAX_SAFE_INTEGER };
const event = (i: number, over: Partial<NewUsageEvent> = {}): NewUsageEvent => ({
  tenant: 'acme', keyId: 'key_1', sku: 'promo:a:v1', version: '1.0.0', at: new Date(Date.UTC(2026, 10, 11) + i).toISOString(),
  units: 1, requestBytes: 10, responseBytes: 100, latencyMs: 3, status: 200, sla: 'bronze', canary: false, ...over,
});

/** A fresh stream (prefix) and ledger table contents scoped by tenant, per test. */
async function setup() {
  const prefix = freshPrefix();
  const tenant = `t-${prefix.slice(7, 19)}`;
  const ledger = new PgUsageStore(pg.handle.pool);
  const store = new RedisUsageStore(redis, prefix, ledger);
  const connections: Redis[] = [];
  const consumer = async (name: string, options = {}) => {
    const connection = await openTestRedis();
    connections.push(connection);
    return new UsageStreamConsumer(connection, prefix, ledger, { consumer: name, blockMs: 50, ...options });
  };
  const countInLedger = async () => (await ledger.list({ ...ALL, tenant })).length;
  const cleanup = async () => { for (const c of connections) c.disconnect(); await dropPrefix(await openTestRedis(), prefix); };
  return { prefix, tenant, ledger, store, consumer, countInLedger, cleanup };
}

describe('usage stream', () => {
  it('delivers every appended event to the ledger once, skipping retried dedupe keys', async () => {
    const s = await setup();
    try {
      const written = await Promise.all(Array.from({ length: 50 }, (_, i) =>
        s.store.append([event(i, { tenant: s.tenant, dedupeKey: i < 10 ? `${s.tenant}/retry/${i % 5}` : null })])));
      expect(written.reduce((a, b) => a + b, 0)).toBe(45);
      const c = await s.consumer('c1');
      expect(await c.drain()).toBe(45);
      expect(await s.countInLedger()).toBe(45);
      // Reads go to the ledger.
      expect((await s.store.list({ ...ALL, tenant: s.tenant })).length).toBe(45);
      expect(await c.drain()).toBe(0);
    } finally {
      await s.cleanup();
    }
  });

  it('reclaims what a crashed consumer left pending, and the ledger still counts it once', async () => {
    const s = await setup();
    try {
      await s.store.append(Array.from({ length: 30 }, (_, i) => event(i, { tenant: s.tenant })));
      const crashed = await s.consumer('crashed');
      await crashed.ensureGroup();
      // The crashed consumer read 20 entries and wrote 10 of them to the ledger, then died before XACK.
      const reply = await redis.xreadgroup('GROUP', 'ledger', 'crashed', 'COUNT', 20, 'STREAMS', usageStreamKey(s.prefix), '>') as [string, [string, string[]][]][];
      const delivered = reply[0]![1];
      expect(delivered).toHaveLength(20);
      await s.ledger.append(delivered.slice(0, 10).map(([, fields]) => JSON.parse(fields[1]!)));
      await new Promise((resolve) => setTimeout(resolve, 60));
      const survivor = await s.consumer('survivor');
      expect(await survivor.drain(50)).toBe(30);
      expect(await s.countInLedger()).toBe(30);
      const pending = await redis.xpending(usageStreamKey(s.prefix), 'ledger') as [number, ...unknown[]];
      expect(pending[0]).toBe(0);
    } finally {
      await s.cleanup();
    }
  });

  it('trims only what every group has acknowledged', async () => {
    const s = await setup();
    try {
      const stream = usageStreamKey(s.prefix);
      await s.store.append(Array.from({ length: 10 }, (_, i) => event(i, { tenant: s.tenant })));
      const c = await s.consumer('c1');
      await c.ensureGroup();
      // 4 delivered and pending, 6 not delivered yet: nothing may go.
      await redis.xreadgroup('GROUP', 'ledger', 'slow', 'COUNT', 4, 'STREAMS', stream, '>');
      expect(await c.trim()).toBe(0);
      expect(await redis.xlen(stream)).toBe(10);
      // Everything processed and acknowledged (the slow consumer's 4 reclaimed): all but the last may go.
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await c.drain(50)).toBe(10);
      expect(await redis.xlen(stream)).toBeLessThanOrEqual(1);
      expect(await s.countInLedger()).toBe(10);
      // A second group that has read nothing holds everything new back.
      await redis.xgroup('CREATE', stream, 'audit', '$');
      await s.store.append([event(99, { tenant: s.tenant })]);
      const before = await redis.xlen(stream);
      await c.drain();
      expect(await redis.xlen(stream)).toBe(before);
    } finally {
      await s.cleanup();
    }
  });

  it('sets entries that are not events aside and keeps going', async () => {
    const s = await setup();
    try {
      const stream = usageStreamKey(s.prefix);
      await redis.xadd(stream, '*', 'e', '{not json');
      await redis.xadd(stream, '*', 'other', 'field');
      // Well-formed JSON the ledger would refuse: they must not block the good event's batch.
      await s.store.append([event(2, { tenant: s.tenant, status: 2 ** 40 }), event(3, { tenant: s.tenant, latencyMs: Number.NaN })]);
      await s.store.append([event(4, { tenant: s.tenant, at: 'yesterday' }), event(5, { tenant: s.tenant, units: -1 })]);
      await s.store.append([event(6, { tenant: s.tenant, sku: 'promo:\u0000:v1' })]);
      await s.store.append([event(1, { tenant: s.tenant, dedupeKey: `${s.tenant}\u0000k\u00001\u00000` })]);
      const c = await s.consumer('c1');
      expect(await c.drain()).toBe(8);
      expect(await s.countInLedger()).toBe(1);
      expect(await redis.xlen(`${s.prefix}usage-dead`)).toBe(7);
    } finally {
      await s.cleanup();
    }
  });

  it('runs as a background loop and survives a ledger outage without losing entries', async () => {
    const s = await setup();
    try {
      let failing = true;
      const flaky = { append: async (events: NewUsageEvent[]) => { if (failing) throw new Error('ledger down'); return s.ledger.append(events); } };
      const connection = await openTestRedis();
      const errors: unknown[] = [];
      const c = new UsageStreamConsumer(connection, s.prefix, flaky, { consumer: 'loop', blockMs: 50, onError: (e) => errors.push(e) });
      c.start();
      await s.store.append(Array.from({ length: 5 }, (_, i) => event(i, { tenant: s.tenant })));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(errors.length).toBeGreaterThan(0);
      expect(await s.countInLedger()).toBe(0);
      failing = false;
      const until = Date.now() + 5000;
      while (Date.now() < until && (await s.countInLedger()) < 5) await new Promise((resolve) => setTimeout(resolve, 50));
      await c.stop();
      connection.disconnect();
      expect(await s.countInLedger()).toBe(5);
    } finally {
      await s.cleanup();
    }
  });

  it('forgets idle consumers with nothing pending, keeps those with pending entries', async () => {
    const s = await setup();
    try {
      const stream = usageStreamKey(s.prefix);
      await s.store.append([event(1, { tenant: s.tenant }), event(2, { tenant: s.tenant })]);
      const c = await s.consumer('current');
      await c.ensureGroup();
      await redis.xgroup('CREATECONSUMER', stream, 'ledger', 'gone-empty');
      await redis.xreadgroup('GROUP', 'ledger', 'gone-busy', 'COUNT', 1, 'STREAMS', stream, '>');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await c.forgetIdleConsumers(10)).toBe(1);
      const names = (await redis.xinfo('CONSUMERS', stream, 'ledger') as (string | number)[][]).map((r) => String(r[1]));
      expect(names.sort()).toEqual(['gone-busy']);
    } finally {
      await s.cleanup();
    }
  });

  it('orders stream ids numerically', () => {
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareStreamIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareStreamIds('10-2', '10-2')).toBe(0);
  });
});
