// The Redis redemption store against the local Redis: 300 concurrent redeems over two connections
// for 3 units, idempotent replays, per-customer and budget caps in exact cents, release exactly
// once and only by the owner, and a fast-check property: the Redis store answers every random
// sequence of redeems and releases exactly as the SQLite store does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import type { LimitTotals, ReserveRequest } from '../stores.ts';
import { SqliteRedemptionStore } from '../sqlite/redemption-store.ts';
import { createTestDatabase } from '../sqlite/test-db.ts';
import { fromCents, toCents } from './cents.ts';
import { RedisRedemptionStore } from './redemption-store.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
let second: Redis;
const prefix = freshPrefix();
beforeAll(async () => { redis = await openTestRedis(); second = await openTestRedis(); });
afterAll(async () => { second.disconnect(); await dropPrefix(redis, prefix); });

const NONE: LimitTotals = { redemptions: null, perCustomer: null, budget: null };
const req = (over: Partial<ReserveRequest> & { key: string; totals: LimitTotals }): ReserveRequest => ({
  tenant: 't1', sku: 'promo:flash:v1', customer: null, units: 1, amount: null, result: { applied: true }, now: 1_700_000_000_000,
  ...over,
});

describe('cents', () => {
  it('converts money strings exactly and refuses anything else', () => {
    expect(toCents('80')).toBe(8000n);
    expect(toCents('80.5')).toBe(8050n);
    expect(toCents('0.05')).toBe(5n);
    for (const bad of ['', '-1', '1.234', '1e3', 'abc', '.5', '1.']) expect(toCents(bad)).toBeNull();
    expect(fromCents(8000n)).toBe('80.00');
    expect(fromCents(-5n)).toBe('-0.05');
  });
  it('round-trips every cent amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (c) => toCents(fromCents(c)) === c));
  });
});

describe('RedisRedemptionStore', () => {
  it('gives exactly 3 wins to 300 concurrent redeems over two connections', async () => {
    const stores = [new RedisRedemptionStore(redis, prefix), new RedisRedemptionStore(second, prefix)];
    const totals = { ...NONE, redemptions: 3 };
    const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) =>
      stores[i % 2]!.reserve(req({ key: `order-${i}`, customer: `u-${i}`, totals }))));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'sold-out')).toHaveLength(297);
    expect((await stores[0]!.left('t1', 'promo:flash:v1', totals)).redemptions).toEqual({ total: 3, held: 3, remaining: 0 });
  });

  it('replays a key, even concurrently, without reserving again', async () => {
    const store = new RedisRedemptionStore(redis, prefix);
    const totals = { ...NONE, redemptions: 10 };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () =>
      store.reserve(req({ sku: 'promo:idem:v1', key: 'order-1', totals, result: { discount: '5.00' } }))));
    const ids = new Set(outcomes.map((o) => (o.ok ? o.redemption.id : 'refused')));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((o) => o.ok && !o.replayed)).toHaveLength(1);
    const replay = outcomes.find((o) => o.ok && o.replayed);
    expect(replay).toMatchObject({ ok: true, redemption: { key: 'order-1', state: 'held', result: { discount: '5.00' }, units: 1 } });
    expect((await store.left('t1', 'promo:idem:v1', totals)).redemptions.held).toBe(1);
  });

  it('enforces per-customer limits and budgets to the cent', async () => {
    const store = new RedisRedemptionStore(redis, prefix);
    const totals = { redemptions: 100, perCustomer: 1, budget: '100' };
    const take = (customer: string, amount: string, key: string) =>
      store.reserve(req({ sku: 'promo:cap:v1', key, customer, amount, totals }));
    expect(await take('u1', '33.33', 'a')).toMatchObject({ ok: true });
    expect(await take('u1', '1.00', 'b')).toEqual({ ok: false, reason: 'customer-limit' });
    expect(await take('u2', '33.33', 'c')).toMatchObject({ ok: true });
    expect(await take('u3', '33.35', 'd')).toEqual({ ok: false, reason: 'budget-exhausted' });
    expect(await take('u3', '33.34', 'e')).toMatchObject({ ok: true, redemption: { amount: '33.34', customer: 'u3' } });
    expect((await store.left('t1', 'promo:cap:v1', totals)).budget).toEqual({ total: '100.00', held: '100.00', remaining: '0.00' });
  });

  it('releases exactly once, only for the owner, and gives everything back', async () => {
    const store = new RedisRedemptionStore(redis, prefix);
    const totals = { redemptions: 1, perCustomer: 1, budget: '10' };
    const outcome = await store.reserve(req({ sku: 'promo:rel:v1', key: 'r1', customer: 'u1', amount: '10', totals }));
    if (!outcome.ok) throw new Error('expected a reservation');
    const id = outcome.redemption.id;
    expect(await store.release('other-tenant', id, 1)).toBeNull();
    expect(await store.get('other-tenant', id)).toBeNull();
    const releases = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? store : new RedisRedemptionStore(second, prefix)).release('t1', id, 1_700_000_001_000)));
    expect(releases.filter((r) => r?.released)).toHaveLength(1);
    expect(releases.filter((r) => r && !r.released)).toHaveLength(9);
    expect(await store.get('t1', id)).toMatchObject({ state: 'released', releasedAt: new Date(1_700_000_001_000).toISOString() });
    expect(await store.release('t1', 'rdm_nope', 1)).toBeNull();
    const left = await store.left('t1', 'promo:rel:v1', totals);
    expect(left.redemptions).toEqual({ total: 1, held: 0, remaining: 1 });
    expect(left.budget).toEqual({ total: '10.00', held: '0.00', remaining: '10.00' });
    expect((await store.reserve(req({ sku: 'promo:rel:v1', key: 'r2', customer: 'u1', amount: '10', totals }))).ok).toBe(true);
  });

  it('refuses malformed amounts before touching Redis', async () => {
    const store = new RedisRedemptionStore(redis, prefix);
    await expect(store.reserve(req({ key: 'x', amount: 'NaN', totals: NONE }))).rejects.toThrow(RangeError);
    await expect(store.reserve(req({ key: 'x', amount: '-1', totals: NONE }))).rejects.toThrow(RangeError);
  });

  it('answers every sequence of redeems and releases as the SQLite store does', async () => {
    type Step = { kind: 'redeem'; customer: number | null; cents: number | null; key: number } | { kind: 'release'; pick: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('redeem' as const), customer: fc.option(fc.nat(3)), cents: fc.option(fc.nat(3000)), key: fc.nat(12) }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat(20) }),
    );
    const sqlite = createTestDatabase();
    let run = 0;
    try {
      await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 25 }), fc.constantFrom<LimitTotals>(
        { redemptions: 5, perCustomer: 2, budget: '60.00' }, { redemptions: null, perCustomer: 1, budget: null }, { redemptions: 3, perCustomer: null, budget: '25.5' },
      ), async (steps, totals) => {
        const sku = `promo:model${run++}:v1`;
        const a = new SqliteRedemptionStore(sqlite.db);
        const b = new RedisRedemptionStore(redis, prefix);
        const idsA: string[] = []; const idsB: string[] = [];
        for (const s of steps) {
          if (s.kind === 'redeem') {
            const r = req({ sku, key: `k${s.key}`, customer: s.customer === null ? null : `u${s.customer}`, amount: s.cents === null ? null : fromCents(BigInt(s.cents)), totals });
            const [x, y] = [await a.reserve(r), await b.reserve(r)];
            expect(y.ok).toBe(x.ok);
            if (x.ok && y.ok) {
              expect(y.replayed).toBe(x.replayed);
              const { id: _a, ...restA } = x.redemption; const { id: _b, ...restB } = y.redemption;
              expect(restB).toEqual(restA);
              if (!x.replayed) { idsA.push(x.redemption.id); idsB.push(y.redemption.id); }
            } else {
              expect(y).toEqual(x);
            }
          } else if (idsA.length > 0) {
            const i = s.pick % idsA.length;
            const [x, y] = [await a.release('t1', idsA[i]!, 5), await b.release('t1', idsB[i]!, 5)];
            expect(y?.released).toBe(x?.released);
            expect(y?.redemption.state).toBe(x?.redemption.state);
          }
          expect(await b.left('t1', sku, totals)).toEqual(await a.left('t1', sku, totals));
        }
      }), { numRuns: 40 });
    } finally {
      sqlite.cleanup();
    }
  });
});
