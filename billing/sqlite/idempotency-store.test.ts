// Idempotency records: one claimant among concurrent requests, replay, mismatch, leases and expiry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteIdempotencyStore } from './idempotency-store.ts';
import { OwnedIdempotencyStore } from './owned-idempotency-store.ts';
import { createTestDatabase } from './test-db.ts';
import type { IdempotencyBeginRequest } from '../stores.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
let Store: typeof SqliteIdempotencyStore | typeof OwnedIdempotencyStore = SqliteIdempotencyStore;
function setup() {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  return { ...t, store: new Store(t.db) };
}
const DAY = 86_400_000;
const begin = (over: Partial<IdempotencyBeginRequest> = {}): IdempotencyBeginRequest => ({
  scope: 't1', key: 'order-1', fingerprint: 'fp-a', now: 1_000_000, ttlMs: DAY, leaseMs: 30_000, ...over,
});
const response = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };

describe.each([
  ['SqliteIdempotencyStore', SqliteIdempotencyStore],
  ['OwnedIdempotencyStore', OwnedIdempotencyStore],
] as const)('%s', (_name, cls) => {
  beforeEach(() => {
    Store = cls;
  });
  it('gives the key to exactly one of many concurrent requests', async () => {
    const { store } = setup();
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => store.begin(begin())));
    expect(outcomes.filter((o) => o.state === 'started')).toHaveLength(1);
    expect(outcomes.filter((o) => o.state === 'in-progress')).toHaveLength(99);
  });

  it('replays the stored response and refuses another body with the same key', async () => {
    const { store } = setup();
    const b = await store.begin(begin());
    if (b.state !== 'started') throw new Error('expected started');
    await store.complete('t1', 'order-1', b.token, response, 1_000_001);
    expect(await store.begin(begin({ now: 2_000_000 }))).toEqual({ state: 'replay', response });
    expect(await store.begin(begin({ fingerprint: 'fp-b' }))).toEqual({ state: 'mismatch' });
    expect((await store.begin(begin({ scope: 't2' }))).state).toBe('started'); // keys are per tenant
  });

  it('expires completed records after the TTL and purges them', async () => {
    const { store } = setup();
    const b = await store.begin(begin());
    if (b.state !== 'started') throw new Error('expected started');
    await store.complete('t1', 'order-1', b.token, response, 1_000_001);
    expect((await store.begin(begin({ now: 1_000_000 + DAY - 1 }))).state).toBe('replay');
    expect(await store.purgeExpired(1_000_000 + DAY)).toBe(1);
    expect((await store.begin(begin({ now: 1_000_000 + DAY, fingerprint: 'fp-b' }))).state).toBe('started');
  });

  it('lets a request take over a claim whose lease ran out, and ignores the old owner afterwards', async () => {
    const { store } = setup();
    const first = await store.begin(begin());
    expect((await store.begin(begin({ now: 1_000_000 + 29_999 }))).state).toBe('in-progress');
    const second = await store.begin(begin({ now: 1_000_000 + 30_000 }));
    if (first.state !== 'started' || second.state !== 'started') throw new Error('expected started twice');
    expect(second.since).toBe(first.since);
    await store.complete('t1', 'order-1', first.token, { ...response, body: 'stale' }, 1_000_000 + 30_001);
    expect((await store.begin(begin({ now: 1_000_000 + 30_002 }))).state).toBe('in-progress');
    await store.complete('t1', 'order-1', second.token, response, 1_000_000 + 30_003);
    expect(await store.begin(begin({ now: 1_000_000 + 30_004 }))).toEqual({ state: 'replay', response });
  });

  it('abandon frees the key; recoverInProgress drops claims left by a crashed process', async () => {
    const { store } = setup();
    const a = await store.begin(begin());
    if (a.state !== 'started') throw new Error('expected started');
    await store.abandon('t1', 'order-1', a.token);
    const b = await store.begin(begin({ now: 1_000_005 }));
    expect(b).toMatchObject({ state: 'started', since: 1_000_000 });
    expect((await store.begin(begin({ now: 1_000_006 }))).state).toBe('in-progress');
    await new Promise((r) => setImmediate(r)); // recovery runs at start, when nothing is queued
    expect(store.recoverInProgress()).toBe(1);
    expect(await store.begin(begin({ now: 1_000_007 }))).toMatchObject({ state: 'started', since: 1_000_000 });
  });

  it('has the claim committed by the next group commit', async () => {
    const { store, db } = setup();
    const b = await store.begin(begin());
    if (b.state !== 'started') throw new Error('expected started');
    await new Promise((r) => setImmediate(r));
    const row = db.prepare('SELECT state, created_at FROM idempotency_keys').get();
    expect(row).toEqual({ state: 'in-progress', created_at: 1_000_000 });
  });
});
