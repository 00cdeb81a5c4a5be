// The PostgreSQL billing stores against the local PostgreSQL (a fresh schema per file): the ledger
// skips redeliveries and retried requests and answers reports exactly as the SQLite store does;
// idempotency claims, rate limits, quotas and redemptions hold under concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PgHandle } from '../../catalog/pg/db.ts';
import { openTestPg } from '../../catalog/pg/testing.ts';
import { SqliteUsageStore } from '../sqlite/usage-store.ts';
import { SqliteRedemptionStore } from '../sqlite/redemption-store.ts';
import { createTestDatabase } from '../sqlite/test-db.ts';
import type { LimitTotals, NewUsageEvent, ReserveRequest } from '../stores.ts';
import { createPgBillingStores } from './index.ts';

let pg: { handle: PgHandle; drop: () => Promise<void> };
let stores: ReturnType<typeof createPgBillingStores>;
beforeAll(async () => {
  pg = await openTestPg();
  stores = createPgBillingStores(pg.handle.pool);
});
afterAll(async () => { await pg.drop(); });

const T0 = Date.UTC(2026, 10, 11, 0, 0, 0);
const event = (i: number, over: Partial<NewUsageEvent> = {}): NewUsageEvent => ({
  id: `ev-${i}`, tenant: i % 3 === 0 ? 'beta' : 'acme', keyId: 'key_1', sku: i % 2 ? 'promo:a:v1' : 'promo:b:v1', version: '1.0.0',
  at: new Date(T0 + i * 1_234_567).toISOString(), units: 1, requestBytes: 100 + i, responseBytes: 1000 + i,
  latencyMs: (i * 37) % 700, status: 200, sla: ['bronze', 'silver', 'gold'][i % 3]!, canary: i % 5 === 0, ...over,
});

describe('PgUsageStore', () => {
  it('skips a redelivered id and a retried dedupe key, across concurrent appends', async () => {
    const usage = stores.usage;
    const batch = [event(1, { id: 'dup-1' }), event(2, { id: 'dup-2', dedupeKey: 'acme/order-9/0' })];
    const written = await Promise.all([usage.append(batch), usage.append(batch), usage.append([event(3, { id: 'dup-3', dedupeKey: 'acme/order-9/0' })])]);
    expect(written.reduce((a, b) => a + b, 0)).toBe(2);
    const listed = await usage.list({ from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(listed.filter((e) => e.id.startsWith('dup-')).map((e) => e.id).sort()).toEqual(['dup-1', 'dup-2']);
  });

  it('answers summaries, series and listings as the SQLite store does', async () => {
    const sqlite = createTestDatabase();
    try {
      const reference = new SqliteUsageStore(sqlite.db);
      const events = Array.from({ length: 120 }, (_, i) => event(i + 100, { id: `cmp-${i}` }));
      await reference.append(events);
      await stores.usage.append(events);
      await reference.recordErrors('acme', 'promo:a:v1', T0 + 5000, 3);
      await stores.usage.recordErrors('acme', 'promo:a:v1', T0 + 5000, 3);
      const q = { from: T0, to: T0 + 400 * 1_234_567 };
      const onlyCmp = <T extends { id: string }>(xs: T[]) => xs.filter((e) => e.id.startsWith('cmp-'));
      expect(onlyCmp(await stores.usage.list(q))).toEqual(onlyCmp(await reference.list(q)));
      const cmpRange = { from: T0 + 100 * 1_234_567, to: T0 + 220 * 1_234_567 };
      const thresholds = { bronze: 500, silver: 200, gold: 100 };
      expect(await stores.usage.summarize(cmpRange, thresholds)).toEqual(await reference.summarize(cmpRange, thresholds));
      expect(await stores.usage.summarize({ ...cmpRange, tenant: 'acme', sku: 'promo:a:v1' }, thresholds))
        .toEqual(await reference.summarize({ ...cmpRange, tenant: 'acme', sku: 'promo:a:v1' }, thresholds));
      expect(await stores.usage.series(cmpRange, 'day')).toEqual(await reference.series(cmpRange, 'day'));
      expect(await stores.usage.series({ ...cmpRange, tenant: 'beta' }, 'hour')).toEqual(await reference.series({ ...cmpRange, tenant: 'beta' }, 'hour'));
    } finally {
      sqlite.cleanup();
    }
  });
});

describe('PgIdempotencyStore', () => {
  const base = { scope: 'acme', key: 'order-1', fingerprint: 'f1', now: 1000, ttlMs: 86_400_000, leaseMs: 30_000 };

  it('lets exactly one of many concurrent requests claim a key, then replays its response', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => stores.idempotency.begin(base)));
    const started = results.filter((r) => r.state === 'started');
    expect(started).toHaveLength(1);
    expect(results.filter((r) => r.state === 'in-progress')).toHaveLength(19);
    const token = (started[0] as { token: string }).token;
    await stores.idempotency.complete('acme', 'order-1', token, { status: 201, headers: { 'x-a': '1' }, body: '{"ok":true}' }, 1001);
    expect(await stores.idempotency.begin({ ...base, now: 2000 })).toEqual({ state: 'replay', response: { status: 201, headers: { 'x-a': '1' }, body: '{"ok":true}' } });
    expect(await stores.idempotency.begin({ ...base, fingerprint: 'other', now: 2000 })).toEqual({ state: 'mismatch' });
  });

  it('hands an expired lease over, forgets abandoned claims and purges expired records', async () => {
    const first = await stores.idempotency.begin({ ...base, key: 'k2' });
    expect(first.state).toBe('started');
    expect((await stores.idempotency.begin({ ...base, key: 'k2', now: 1000 + 30_001 })).state).toBe('started');
    const claim = await stores.idempotency.begin({ ...base, key: 'k3' });
    await stores.idempotency.abandon('acme', 'k3', (claim as { token: string }).token);
    expect((await stores.idempotency.begin({ ...base, key: 'k3' })).state).toBe('started');
    expect(await stores.idempotency.purgeExpired(1000 + 86_400_001)).toBeGreaterThanOrEqual(3);
  });
});

describe('PgRateLimitStore and PgQuotaStore', () => {
  it('admit exactly the limit under concurrency', async () => {
    const now = Date.now();
    const hits = await Promise.all(Array.from({ length: 40 }, () => stores.rateLimits.hit('acme:promo:a:v1', 9, 60_000, now)));
    expect(hits.filter((h) => h.allowed)).toHaveLength(9);
    const quota = await Promise.all(Array.from({ length: 40 }, () => stores.quotas.consume('acme', 'promo:a:v1', '2026-11', 1, 12)));
    expect(quota.filter((q) => q.ok)).toHaveLength(12);
    await stores.quotas.refund('acme', 'promo:a:v1', '2026-11', 100);
    expect(await stores.quotas.used('acme', 'promo:a:v1', '2026-11')).toBe(0);
    expect((await stores.quotas.consume('acme', 'x', '2026-11', 1, null)).ok).toBe(true);
  });
});

describe('PgRedemptionStore', () => {
  const req = (over: Partial<ReserveRequest> & { key: string; totals: LimitTotals }): ReserveRequest => ({
    tenant: 't1', sku: 'promo:flash:v1', customer: null, units: 1, amount: null, result: { applied: true }, now: 1_700_000_000_000, ...over,
  });

  it('gives exactly 3 wins to 300 concurrent redeems, and a key replays', async () => {
    const totals = { redemptions: 3, perCustomer: null, budget: null };
    const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) => stores.redemptions.reserve(req({ key: `o-${i % 150}`, totals }))));
    const winners = new Set(outcomes.filter((o) => o.ok).map((o) => (o.ok ? o.redemption.id : '')));
    expect(winners.size).toBe(3);
    expect((await stores.redemptions.left('t1', 'promo:flash:v1', totals)).redemptions).toEqual({ total: 3, held: 3, remaining: 0 });
  });

  it('answers every sequence of redeems and releases as the SQLite store does', async () => {
    type Step = { kind: 'redeem'; customer: number | null; cents: number | null; key: number } | { kind: 'release'; pick: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('redeem' as const), customer: fc.option(fc.nat(3)), cents: fc.option(fc.nat(3000)), key: fc.nat(10) }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat(20) }),
    );
    const sqlite = createTestDatabase();
    let run = 0;
    try {
      await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 15 }), async (steps) => {
        const totals = { redemptions: 4, perCustomer: 2, budget: '50.5' };
        const sku = `promo:m${run++}:v1`;
        const a = new SqliteRedemptionStore(sqlite.db);
        const b = stores.redemptions;
        const idsA: string[] = []; const idsB: string[] = [];
        for (const s of steps) {
          if (s.kind === 'redeem') {
            const amount = s.cents === null ? null : (s.cents / 100).toFixed(2);
            const r = req({ sku, key: `k${s.key}`, customer: s.customer === null ? null : `u${s.customer}`, amount, totals });
            const [x, y] = [await a.reserve(r), await b.reserve(r)];
            if (x.ok && y.ok) {
              expect({ ...y.redemption, id: '' }).toEqual({ ...x.redemption, id: '' });
              if (!x.replayed) { idsA.push(x.redemption.id); idsB.push(y.redemption.id); }
            } else {
              expect(y).toEqual(x);
            }
          } else if (idsA.length > 0) {
            const i = s.pick % idsA.length;
            const [x, y] = [await a.release('t1', idsA[i]!, 7), await b.release('t1', idsB[i]!, 7)];
            expect({ ...y!.redemption, id: '' }).toEqual({ ...x!.redemption, id: '' });
            expect(y!.released).toBe(x!.released);
          }
        }
        expect(await b.left('t1', sku, totals)).toEqual(await a.left('t1', sku, totals));
      }), { numRuns: 15 });
    } finally {
      sqlite.cleanup();
    }
  });
});

describe('text PostgreSQL cannot store', () => {
  it('escapes NUL reversibly and injectively', async () => {
    const { fromPgText, toPgText } = await import('./text.ts');
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '\\', '\u0000', '0') }), fc.string({ unit: fc.constantFrom('a', '\\', '\u0000', '0') }), (x, y) => {
      expect(toPgText(x)).not.toContain('\u0000');
      expect(fromPgText(toPgText(x))).toBe(x);
      if (x !== y) expect(toPgText(x)).not.toBe(toPgText(y));
    }));
  });

  it('keeps dedupe keys, customers and idempotency keys with NUL characters', async () => {
    const dedupe = 'acme\u0000order-nul\u00001700000000000\u00000';
    expect(await stores.usage.append([event(900, { id: 'nul-1', dedupeKey: dedupe })])).toBe(1);
    expect(await stores.usage.append([event(901, { id: 'nul-2', dedupeKey: dedupe })])).toBe(0);
    const totals = { redemptions: 5, perCustomer: 1, budget: null };
    const r = { tenant: 't1', sku: 'promo:nul:v1', key: 'k\u0000', customer: 'u\u00001', units: 1, amount: null, totals, result: { s: '\u0000' }, now: 1 };
    const first = await stores.redemptions.reserve(r);
    expect(first).toMatchObject({ ok: true, replayed: false, redemption: { key: 'k\u0000', customer: 'u\u00001', result: { s: '\u0000' } } });
    expect(await stores.redemptions.reserve({ ...r, key: 'other' })).toEqual({ ok: false, reason: 'customer-limit' });
    expect(await stores.redemptions.reserve(r)).toMatchObject({ ok: true, replayed: true });
    const claim = await stores.idempotency.begin({ scope: 'a\u0000b', key: 'c\u0000', fingerprint: 'f', now: 1, ttlMs: 1000, leaseMs: 100 });
    expect(claim.state).toBe('started');
    await stores.idempotency.complete('a\u0000b', 'c\u0000', (claim as { token: string }).token, { status: 200, headers: {}, body: 'x\u0000' }, 2);
    expect(await stores.idempotency.begin({ scope: 'a\u0000b', key: 'c\u0000', fingerprint: 'f', now: 3, ttlMs: 1000, leaseMs: 100 }))
      .toEqual({ state: 'replay', response: { status: 200, headers: {}, body: 'x\u0000' } });
  });
});
