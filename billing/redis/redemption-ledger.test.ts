// Redemption limits against the local Redis: 300 concurrent redeems for 3 units, per-customer and
// budget caps, idempotent replays, release exactly once, and a fast-check model property.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { RedisRedemptionLedger, type RedemptionCaps } from './redemption-ledger.ts';
import { fromCents, toCents } from './cents.ts';
import { dropPrefix, freshPrefix, openTestRedis } from './testing.ts';

let redis: Redis;
let second: Redis;
const prefix = freshPrefix();
beforeAll(async () => { redis = await openTestRedis(); second = await openTestRedis(); });
afterAll(async () => { second.disconnect(); await dropPrefix(redis, prefix); });

const NO_CAPS: RedemptionCaps = { redemptions: null, perCustomer: null, budget: null };

describe('cents', () => {
  it('converts money strings exactly', () => {
    expect(toCents('80')).toBe(8000n);
    expect(toCents('80.5')).toBe(8050n);
    expect(toCents('0.05')).toBe(5n);
    expect(toCents('1234567890123.99')).toBe(123456789012399n);
    for (const bad of ['', '-1', '1.234', '1e3', 'abc', '.5', '1.']) expect(toCents(bad)).toBeNull();
    expect(fromCents(8000n)).toBe('80.00');
    expect(fromCents(5n)).toBe('0.05');
    expect(fromCents(-5n)).toBe('-0.05');
  });
  it('round-trips every cent amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (c) => toCents(fromCents(c)) === c));
  });
});

describe('RedisRedemptionLedger', () => {
  it('gives exactly 3 wins to 300 concurrent redeems over two connections', async () => {
    const ledgers = [new RedisRedemptionLedger(redis, prefix), new RedisRedemptionLedger(second, prefix)];
    const caps = { ...NO_CAPS, redemptions: 3 };
    const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) => ledgers[i % 2]!.reserve({
      scope: 'acme|promo:flash:v1', owner: 'acme', idempotencyKey: `k${i}`, caps,
      take: { redemptions: 1, customer: null, budget: null },
    })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.code === 'sold-out')).toHaveLength(297);
    expect((await ledgers[0]!.left('acme|promo:flash:v1', caps)).redemptions).toEqual({ limit: 3, used: 3, left: 0 });
  });

  it('replays an Idempotency-Key without reserving again, even concurrently', async () => {
    const ledger = new RedisRedemptionLedger(redis, prefix);
    const caps = { ...NO_CAPS, redemptions: 10 };
    const request = { scope: 'acme|promo:idem:v1', owner: 'acme', idempotencyKey: 'same', caps, take: { redemptions: 1, customer: null, budget: null } };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => ledger.reserve(request)));
    const ids = new Set(outcomes.map((o) => (o.ok ? o.redemptionId : 'refused')));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((o) => o.ok && !o.replayed)).toHaveLength(1);
    expect((await ledger.left('acme|promo:idem:v1', caps)).redemptions?.used).toBe(1);
  });

  it('enforces per-customer limits and budgets in cents', async () => {
    const ledger = new RedisRedemptionLedger(redis, prefix);
    const caps = { redemptions: 100, perCustomer: 1, budget: '100.00' };
    const take = (customer: string, budget: string, key: string) =>
      ledger.reserve({ scope: 'acme|promo:cap:v1', owner: 'acme', idempotencyKey: key, caps, take: { redemptions: 1, customer, budget } });
    expect(await take('u1', '33.33', 'a')).toMatchObject({ ok: true });
    expect(await take('u1', '1.00', 'b')).toEqual({ ok: false, code: 'customer-limit' });
    expect(await take('u2', '33.33', 'c')).toMatchObject({ ok: true });
    expect(await take('u3', '33.35', 'd')).toEqual({ ok: false, code: 'budget-exhausted' });
    expect(await take('u3', '33.34', 'e')).toMatchObject({ ok: true });
    expect((await ledger.left('acme|promo:cap:v1', caps)).budget).toEqual({ limit: '100.00', used: '100.00', left: '0.00' });
  });

  it('releases exactly once, only for the owner', async () => {
    const ledger = new RedisRedemptionLedger(redis, prefix);
    const caps = { redemptions: 1, perCustomer: 1, budget: '10' };
    const outcome = await ledger.reserve({ scope: 'acme|promo:rel:v1', owner: 'acme', idempotencyKey: 'r1', caps, take: { redemptions: 1, customer: 'u1', budget: '10' } });
    if (!outcome.ok) throw new Error('expected a reservation');
    expect(await ledger.release(outcome.redemptionId, 'other-tenant')).toBe('not-found');
    const releases = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? ledger : new RedisRedemptionLedger(second, prefix)).release(outcome.redemptionId, 'acme')));
    expect(releases.filter((r) => r === 'released')).toHaveLength(1);
    expect(releases.filter((r) => r === 'already-released')).toHaveLength(9);
    expect(await ledger.release('rdm_nope', 'acme')).toBe('not-found');
    const left = await ledger.left('acme|promo:rel:v1', caps);
    expect(left.redemptions).toEqual({ limit: 1, used: 0, left: 1 });
    expect(left.budget).toEqual({ limit: '10.00', used: '0.00', left: '10.00' });
    const again = await ledger.reserve({ scope: 'acme|promo:rel:v1', owner: 'acme', idempotencyKey: 'r2', caps, take: { redemptions: 1, customer: 'u1', budget: '10' } });
    expect(again.ok).toBe(true);
  });

  it('refuses malformed amounts before touching Redis', async () => {
    const ledger = new RedisRedemptionLedger(redis, prefix);
    await expect(ledger.reserve({ scope: 's', owner: 'o', idempotencyKey: 'x', caps: { ...NO_CAPS, budget: '1.005' }, take: { redemptions: 1, customer: null, budget: '1' } })).rejects.toThrow(RangeError);
    await expect(ledger.reserve({ scope: 's', owner: 'o', idempotencyKey: 'x', caps: NO_CAPS, take: { redemptions: 1, customer: null, budget: 'NaN' } })).rejects.toThrow(RangeError);
  });

  it('matches a sequential model under any mix of redeems and releases', async () => {
    type Step = { kind: 'redeem'; customer: number; cents: number; key: number } | { kind: 'release'; pick: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('redeem' as const), customer: fc.nat(3), cents: fc.nat(3000), key: fc.nat(12) }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat(20) }),
    );
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
      const scope = `model-${run++}`;
      const caps = { redemptions: 5, perCustomer: 2, budget: '60.00' };
      const ledger = new RedisRedemptionLedger(redis, prefix);
      let used = 0; let usedCents = 0; const perCustomer = new Map<number, number>();
      const byKey = new Map<number, string>();
      const live: { id: string; customer: number; cents: number; released: boolean }[] = [];
      for (const s of steps) {
        if (s.kind === 'redeem') {
          const out = await ledger.reserve({ scope, owner: 'acme', idempotencyKey: `k${s.key}`, caps, take: { redemptions: 1, customer: `u${s.customer}`, budget: fromCents(BigInt(s.cents)) } });
          if (byKey.has(s.key)) { expect(out).toEqual({ ok: true, redemptionId: byKey.get(s.key), replayed: true }); continue; }
          const expected = used + 1 > 5 ? 'sold-out' : (perCustomer.get(s.customer) ?? 0) + 1 > 2 ? 'customer-limit' : usedCents + s.cents > 6000 ? 'budget-exhausted' : 'ok';
          if (expected === 'ok') {
            expect(out.ok && !out.replayed).toBe(true);
            if (!out.ok) return;
            byKey.set(s.key, out.redemptionId);
            used++; usedCents += s.cents; perCustomer.set(s.customer, (perCustomer.get(s.customer) ?? 0) + 1);
            live.push({ id: out.redemptionId, customer: s.customer, cents: s.cents, released: false });
          } else {
            expect(out).toEqual({ ok: false, code: expected });
          }
        } else if (live.length > 0) {
          const target = live[s.pick % live.length]!;
          const result = await ledger.release(target.id, 'acme');
          expect(result).toBe(target.released ? 'already-released' : 'released');
          if (!target.released) {
            target.released = true; used--; usedCents -= target.cents;
            perCustomer.set(target.customer, perCustomer.get(target.customer)! - 1);
          }
        }
      }
      const left = await ledger.left(scope, caps);
      expect(left.redemptions?.used).toBe(used);
      expect(left.budget?.used).toBe(fromCents(BigInt(usedCents)));
    }), { numRuns: 40 });
  });
});
