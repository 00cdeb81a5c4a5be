// Redemption limits under concurrency and random redeem/release sequences: never oversold, and
// releases give back exactly what was held.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SqliteRedemptionStore } from './redemption-store.ts';
import { createTestDatabase } from './test-db.ts';
import type { LimitTotals, ReserveRequest } from '../stores.ts';
import { Decimal, money } from '../decimal.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function setup() {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  return { ...t, store: new SqliteRedemptionStore(t.db) };
}

const req = (over: Partial<ReserveRequest> & { key: string; totals: LimitTotals }): ReserveRequest => ({
  tenant: 't1', sku: 'promo:flash:v1', customer: null, units: 1, amount: null, result: { applied: true }, now: 1_700_000_000_000,
  ...over,
});

describe('SqliteRedemptionStore', () => {
  it('lets exactly 3 of 300 concurrent redeems through a stock of 3', async () => {
    const { store } = setup();
    const totals = { redemptions: 3, perCustomer: null, budget: null };
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) => store.reserve(req({ key: `order-${i}`, customer: `u-${i}`, totals }))),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'sold-out')).toHaveLength(297);
    expect((await store.left('t1', 'promo:flash:v1', totals)).redemptions).toEqual({ total: 3, held: 3, remaining: 0 });
  });

  it('lets one customer win at most once with perCustomer 1', async () => {
    const { store } = setup();
    const totals = { redemptions: 100, perCustomer: 1, budget: null };
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) => store.reserve(req({ key: `o-${i}`, customer: `u-${i % 7}`, totals }))),
    );
    const wins = outcomes.filter((o) => o.ok);
    expect(wins).toHaveLength(7);
    expect(new Set(wins.map((o) => (o.ok ? o.redemption.customer : null))).size).toBe(7);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'customer-limit')).toHaveLength(293);
  });

  it('never grants more discount than the budget', async () => {
    const { store } = setup();
    const totals = { redemptions: null, perCustomer: null, budget: '100' };
    const amounts = Array.from({ length: 300 }, (_, i) => money(new Decimal(i % 13).plus('0.37')));
    const outcomes = await Promise.all(amounts.map((a, i) => store.reserve(req({ key: `o-${i}`, amount: a, units: 0, totals }))));
    const granted = outcomes.reduce((s, o) => (o.ok ? s.plus(o.redemption.amount!) : s), new Decimal(0));
    expect(granted.lte(100)).toBe(true);
    expect(outcomes.some((o) => !o.ok && o.reason === 'budget-exhausted')).toBe(true);
    const left = await store.left('t1', 'promo:flash:v1', totals);
    expect(left.budget.held).toBe(money(granted));
    expect(new Decimal(left.budget.remaining!).plus(left.budget.held).toFixed(2)).toBe('100.00');
  });

  it('replays a reserve with the same key and releases exactly once', async () => {
    const { store } = setup();
    const totals = { redemptions: 1, perCustomer: 1, budget: '50' };
    const first = await store.reserve(req({ key: 'order-1', customer: 'u-1', amount: '30.00', totals }));
    const again = await store.reserve(req({ key: 'order-1', customer: 'u-1', amount: '30.00', totals }));
    expect(first.ok && again.ok && again.replayed && again.redemption.id === first.redemption.id).toBe(true);
    expect(await store.reserve(req({ key: 'order-2', customer: 'u-2', amount: '1.00', totals }))).toEqual({ ok: false, reason: 'sold-out' });
    const id = first.ok ? first.redemption.id : '';
    expect((await store.release('t1', id, 1))?.released).toBe(true);
    expect((await store.release('t1', id, 2))?.released).toBe(false);
    expect(await store.release('t1', 'rdm_unknown', 2)).toBeNull();
    expect(await store.release('t2', id, 2)).toBeNull();
    const left = await store.left('t1', 'promo:flash:v1', totals);
    expect(left).toEqual({
      sku: 'promo:flash:v1', perCustomer: 1,
      redemptions: { total: 1, held: 0, remaining: 1 },
      budget: { total: '50.00', held: '0.00', remaining: '50.00' },
    });
    const back = await store.reserve(req({ key: 'order-3', customer: 'u-1', amount: '50.00', totals }));
    expect(back.ok).toBe(true);
  });

  it('keeps limits apart per tenant and SKU', async () => {
    const { store } = setup();
    const totals = { redemptions: 1, perCustomer: null, budget: null };
    expect((await store.reserve(req({ key: 'a', totals }))).ok).toBe(true);
    expect((await store.reserve(req({ key: 'b', tenant: 't2', totals }))).ok).toBe(true);
    expect((await store.reserve(req({ key: 'c', sku: 'promo:other:v1', totals }))).ok).toBe(true);
    expect((await store.reserve(req({ key: 'd', totals }))).ok).toBe(false);
  });

  it('property: remaining stock, customer counts and budget equal the totals minus what is held', async () => {
    const totals = { redemptions: 5, perCustomer: 2, budget: '60' };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('reserve' as const), key: fc.integer({ min: 0, max: 15 }), customer: fc.integer({ min: 0, max: 3 }), cents: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
    );
    const { db, store: s } = setup();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const sku = `promo:p${run++}:v1`;
        {
          const model = new Map<string, { customer: string; cents: number; held: boolean; id: string }>();
          for (const o of ops) {
            if (o.kind === 'reserve') {
              const key = `k${o.key}`;
              const amount = money(new Decimal(o.cents).div(100));
              const r = await s.reserve(req({ key, sku, customer: `c${o.customer}`, amount, totals }));
              const held = [...model.values()].filter((m) => m.held);
              if (model.has(key)) {
                expect(r.ok && r.replayed).toBe(true);
                continue;
              }
              const stockOk = held.length + 1 <= 5;
              const custOk = held.filter((m) => m.customer === `c${o.customer}`).length + 1 <= 2;
              const budgetOk = held.reduce((a, m) => a + m.cents, 0) + o.cents <= 6000;
              const expected = !stockOk ? 'sold-out' : !custOk ? 'customer-limit' : !budgetOk ? 'budget-exhausted' : null;
              if (expected) expect(r).toEqual({ ok: false, reason: expected });
              else {
                expect(r.ok).toBe(true);
                if (r.ok) model.set(key, { customer: `c${o.customer}`, cents: o.cents, held: true, id: r.redemption.id });
              }
            } else {
              const all = [...model.values()];
              if (all.length === 0) continue;
              const m = all[o.pick % all.length]!;
              const r = await s.release('t1', m.id, 0);
              expect(r?.released).toBe(m.held);
              m.held = false;
            }
            const held = [...model.values()].filter((m) => m.held);
            const left = await s.left('t1', sku, totals);
            expect(left.redemptions.remaining).toBe(5 - held.length);
            const heldCents = held.reduce((a, m) => a + m.cents, 0);
            expect(left.budget.remaining).toBe(money(new Decimal(6000 - heldCents).div(100)));
            for (let c = 0; c < 4; c++) {
              const row = db.prepare('SELECT held FROM redemption_customers WHERE sku = ? AND customer = ?').get(sku, `c${c}`) as { held: number } | undefined;
              expect(row?.held ?? 0).toBe(held.filter((m) => m.customer === `c${c}`).length);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never oversells across processes sharing the database file', async () => {
    const { path, store } = setup();
    const worker = fileURLToPath(new URL('./redemption-worker.fixture.ts', import.meta.url));
    const runWorker = (n: number) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', worker, path, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${n} exited ${code}`))));
      });
    const outs = await Promise.all([0, 1, 2, 3].map(runWorker));
    const wins = outs.reduce((s, o) => s + Number(o.trim()), 0);
    expect(wins).toBe(3);
    const totals = { redemptions: 3, perCustomer: null, budget: null };
    expect((await store.left('t1', 'promo:flash:v1', totals)).redemptions.held).toBe(3);
  });
});
