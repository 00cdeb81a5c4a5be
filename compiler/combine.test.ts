// combine (SPEC section 4.1) over executors built from hand-written plans.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { combine } from './combine.ts';
import { rtMakeExecutor } from './runtime/executor.ts';
import { D, promoPlan, T } from './runtime/fixtures.ts';
import { decCmp } from './runtime/decimal.ts';
import type { PromotionPlan, PromotionRulePlan } from './runtime/plan.ts';

type Cls = PromotionPlan['class'];
function promo(sku: string, cls: Cls, priority: number, combinesWith: Cls[], rules: PromotionRulePlan[], extra: Partial<PromotionPlan> = {}) {
  return rtMakeExecutor(promoPlan({ sku, name: sku.split(':')[1], class: cls, priority, combinesWith, rules, ...extra }));
}
const always = (then: PromotionRulePlan['then']): PromotionRulePlan[] => [{ name: 'r', when: () => true, then }];
const atLeast = (amount: string, then: PromotionRulePlan['then']): PromotionRulePlan[] => [{ name: 'r', when: (env) => decCmp(env.subtotal, D(amount)) >= 0, then }];

const cart = { cart: { items: [{ sku: 'A', price: 200, qty: 2 }, { sku: 'B', price: '60', qty: 1 }], shipping: 12 }, user: { id: 'u-1', level: 'vip' } };
const tenPercent = promo('promo:ten:v1', 'item', 10, ['order', 'shipping'], always({ itemDiscount: { percent: () => D('0.1') } }));

describe('combine', () => {
  it('priority: each promotion sees the cart left by the previous ones', () => {
    const order = promo('promo:thirty:v1', 'order', 0, ['item'], atLeast('300', { orderDiscount: () => D('30') }));
    const out = combine([order, tenPercent], cart, { strategy: 'priority' });
    expect(out).toEqual({
      applied: ['promo:ten:v1', 'promo:thirty:v1'],
      skipped: [],
      subtotal: '460.00', discount: '76.00', total: '384.00',
      lines: [
        { sku: 'A', qty: 2, price: '200.00', discount: '66.09', total: '333.91' },
        { sku: 'B', qty: 1, price: '60.00', discount: '9.91', total: '50.09' },
      ],
      shipping: { free: false, discount: '0.00' },
      gifts: [], coupons: [], points: 0, messages: [], limits: [],
    });
  });

  it('subtotal follows the applied promotions (a later threshold can fail)', () => {
    const order = promo('promo:big:v1', 'order', 0, ['item'], atLeast('420', { orderDiscount: () => D('30') }));
    const out = combine([tenPercent, order], cart);
    expect(out.applied).toEqual(['promo:ten:v1']);
    expect(out.skipped).toEqual([{ sku: 'promo:big:v1', reason: 'no-rule' }]);
    expect(out.discount).toBe('46.00');
  });

  it('skips a promotion that would apply but conflicts, in both directions', () => {
    const loner = promo('promo:loner:v1', 'order', 5, [], always({ orderDiscount: () => D('5') }));
    const picky = promo('promo:picky:v1', 'item', 1, ['item'], always({ itemDiscount: { amount: () => D('1') } })); // accepts ten, but ten does not accept item
    const out = combine([loner, picky, tenPercent], cart);
    expect(out.applied).toEqual(['promo:ten:v1']);
    expect(out.skipped).toEqual([{ sku: 'promo:loner:v1', reason: 'not-combinable' }, { sku: 'promo:picky:v1', reason: 'not-combinable' }]);
  });

  it('orders by priority descending, then SKU ascending', () => {
    const a = promo('promo:b:v1', 'order', 0, ['order'], always({ message: () => 'b' }));
    const b = promo('promo:a:v1', 'order', 0, ['order'], always({ message: () => 'a' }));
    const c = promo('promo:c:v1', 'order', 3, ['order'], always({ message: () => 'c' }));
    expect(combine([a, b, c], cart).messages).toEqual(['c', 'a', 'b']);
  });

  it('best: the compatible set with the largest total discount', () => {
    const flat = promo('promo:flat:v1', 'order', 20, [], always({ orderDiscount: () => D('20') }));
    const ship = promo('promo:ship:v1', 'shipping', 0, ['item'], always({ freeShipping: () => true }));
    const ten = promo('promo:ten:v1', 'item', 10, ['shipping'], always({ itemDiscount: { percent: () => D('0.1') } }));
    expect(combine([flat, ship, ten], cart, { strategy: 'priority' })).toMatchObject({ applied: ['promo:flat:v1'], discount: '20.00' });
    const best = combine([flat, ship, ten], cart, { strategy: 'best' });
    expect(best).toMatchObject({
      applied: ['promo:ten:v1', 'promo:ship:v1'],
      skipped: [{ sku: 'promo:flat:v1', reason: 'not-combinable' }],
      discount: '58.00', total: '414.00', shipping: { free: true, discount: '12.00' },
    });
  });

  it('best: ties go to the set that comes first in the order', () => {
    const x = promo('promo:x:v1', 'order', 2, [], always({ orderDiscount: () => D('10') }));
    const y = promo('promo:y:v1', 'order', 1, [], always({ orderDiscount: () => D('10') }));
    expect(combine([y, x], cart, { strategy: 'best' }).applied).toEqual(['promo:x:v1']);
    const none = promo('promo:none:v1', 'order', 9, [], [{ name: 'never', when: () => false, then: {} }]);
    expect(combine([none, y], cart, { strategy: 'best' }).skipped).toEqual([{ sku: 'promo:none:v1', reason: 'no-rule' }]);
  });

  it('prices become remaining total / qty exactly enough for the next promotion', () => {
    const three = { cart: { items: [{ sku: 'A', price: 10, qty: 3 }] } };
    const one = promo('promo:one:v1', 'item', 5, ['item'], always({ itemDiscount: { amount: () => D('0.3333') } }));
    const pct = promo('promo:pct:v1', 'item', 0, ['item'], always({ itemDiscount: { percent: () => D('0.1') } }));
    const out = combine([one, pct], three);
    expect(out.lines).toEqual([{ sku: 'A', qty: 3, price: '10.00', discount: '3.90', total: '26.10' }]); // 1.00, then 10% of 29.00
  });

  it('shipping follows the shipping discounts', () => {
    const five = promo('promo:five:v1', 'shipping', 1, ['shipping'], always({ shippingDiscount: () => D('5') }));
    const free = promo('promo:free:v1', 'shipping', 0, ['shipping'], always({ freeShipping: () => true }));
    const ten = promo('promo:tenship:v1', 'shipping', 0, ['shipping'], always({ shippingDiscount: () => D('10') }));
    expect(combine([five, free], cart).shipping).toEqual({ free: true, discount: '12.00' });
    expect(combine([five, ten], cart)).toMatchObject({ shipping: { free: false, discount: '12.00' }, discount: '12.00', total: '460.00' });
  });

  it('passes params per SKU and one clock, collects gifts, coupons, points, messages and limits', () => {
    const gift = promo('promo:gift:v1', 'order', 1, ['order'], [{ name: 'r', when: (env) => decCmp(env.subtotal, env.min) >= 0, then: { gift: { sku: () => 'G', qty: () => 1 }, points: () => 7 } }], {
      params: T.obj({ min: T.money }), paramDefaults: (p) => ({ min: p.min ?? D('1000') }),
      limits: { redemptions: () => 10, perCustomer: null, customer: null, budget: null },
    });
    const timed = promo('promo:timed:v1', 'order', 0, ['order'], always({ coupon: { to: () => 'u-1', amount: () => D('3') }, points: () => 1 }), {
      window: { from: Date.parse('2026-11-11T00:00:00Z'), until: null },
    });
    const out = combine([gift, timed], cart, { now: '2026-11-11T00:00:00Z', params: { 'promo:gift:v1': { min: 100 } } });
    expect(out).toMatchObject({
      applied: ['promo:gift:v1', 'promo:timed:v1'], gifts: [{ sku: 'G', qty: 1 }], points: 8,
      coupons: [{ to: 'u-1', amount: '3.00', code: null, expiresIn: null }],
      limits: [{ sku: 'promo:gift:v1', redemptions: 1, customer: null, budget: null }],
    });
    expect(combine([gift, timed], cart, { now: '2026-11-10T00:00:00Z' }).skipped).toEqual([
      { sku: 'promo:gift:v1', reason: 'no-rule' }, { sku: 'promo:timed:v1', reason: 'window' },
    ]);
  });

  it('each executor reads only its own input fields; invalid input throws the executor error', () => {
    const needsUser = promo('promo:user:v1', 'order', 0, [], always({ orderDiscount: () => D('1') }), {
      input: T.obj({ cart: T.obj({ items: T.list(T.obj({ sku: T.string, price: T.money, qty: T.int })) }), user: T.obj({ id: T.string }) }),
    });
    expect(combine([needsUser], { ...cart, extra: { anything: true } }).discount).toBe('1.00');
    expect(() => combine([needsUser], { cart: cart.cart })).toThrowError(expect.objectContaining({ code: 'invalid-input' }));
    expect(combine([], cart)).toMatchObject({ applied: [], subtotal: '460.00', total: '460.00', discount: '0.00' });
  });

  it('combined amounts add up to the cent (property)', () => {
    const line = fc.record({ sku: fc.constantFrom('A', 'B', 'C'), price: fc.integer({ min: 0, max: 50000 }).map((c) => (c / 100).toFixed(2)), qty: fc.integer({ min: 0, max: 7 }) });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 50000 }), fc.boolean(), (items, pct, off, best) => {
      const p = promo('promo:p:v1', 'item', 1, ['order'], always({ itemDiscount: { percent: () => D(String(pct / 100)), maxQty: () => 3 } }));
      const o = promo('promo:o:v1', 'order', 0, ['item'], always({ orderDiscount: () => D((off / 100).toFixed(2)) }));
      const out = combine([p, o], { cart: { items, shipping: '5' } }, { strategy: best ? 'best' : 'priority' });
      const c = (s: string) => Math.round(Number(s) * 100);
      expect(out.lines.reduce((a, l) => a + c(l.discount), 0) + c(out.shipping.discount)).toBe(c(out.discount));
      expect(out.lines.reduce((a, l) => a + c(l.total), 0)).toBe(c(out.total));
      for (const l of out.lines) expect(c(l.total)).toBeGreaterThanOrEqual(0);
    }), { numRuns: 150 });
  });

  it('non-terminating prices give back exact cents: thresholds, rounding down, half-cent boundaries', () => {
    const three = { cart: { items: [{ sku: 'A', price: '0.50', qty: 3 }] } }; // 1.50, then 0.50 off leaves 1.00 / 3
    const first = promo('promo:first:v1', 'order', 9, ['item', 'order'], always({ orderDiscount: () => D('0.50') }));
    const atOne = (rounding: PromotionPlan['rounding']) => promo(`promo:${rounding}:v1`, 'item', 0, ['order'], atLeast('1.00', { itemDiscount: { percent: () => D('0.015') } }), { rounding });
    const down = combine([first, atOne('down')], three);
    expect(down.applied).toEqual(['promo:first:v1', 'promo:down:v1']);
    expect(down.lines).toEqual([{ sku: 'A', qty: 3, price: '0.50', discount: '0.51', total: '0.99' }]);
    const up = combine([first, atOne('half-up')], three);
    expect(up.lines[0]).toMatchObject({ discount: '0.52', total: '0.98' }); // 1.5% of exactly 1.00 is 0.015 -> 0.02
    const even = combine([first, atOne('half-even')], three);
    expect(even.lines[0]).toMatchObject({ discount: '0.52', total: '0.98' }); // 0.015 -> 0.02 (even)
    const onePercentUp = promo('promo:up:v1', 'item', 0, ['order'], atLeast('1.00', { itemDiscount: { percent: () => D('0.01') } }), { rounding: 'up' });
    const up1 = combine([first, onePercentUp], three);
    expect(up1.lines[0]).toMatchObject({ discount: '0.51', total: '0.99' }); // exactly 0.01, not rounded up to 0.02
  });

  it('best never grants less than priority, and both only apply compatible sets (property)', () => {
    const cls = fc.constantFrom<Cls>('order', 'item', 'shipping');
    const spec = fc.record({
      cls, priority: fc.integer({ min: 0, max: 3 }), with: fc.subarray<Cls>(['order', 'item', 'shipping']),
      threshold: fc.integer({ min: 0, max: 500 }), amount: fc.integer({ min: 0, max: 10000 }), pct: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(fc.property(fc.array(spec, { minLength: 1, maxLength: 5 }), (specs) => {
      const exs = specs.map((p, i) => promo(`promo:p${i}:v1`, p.cls, p.priority, p.with, atLeast(String(p.threshold), p.cls === 'item'
        ? { itemDiscount: { percent: () => D(String(p.pct / 100)) } }
        : p.cls === 'shipping' ? { shippingDiscount: () => D((p.amount / 1000).toFixed(2)) } : { orderDiscount: () => D((p.amount / 100).toFixed(2)) })));
      const pr = combine(exs, cart, { strategy: 'priority' });
      const be = combine(exs, cart, { strategy: 'best' });
      expect(Number(be.discount)).toBeGreaterThanOrEqual(Number(pr.discount));
      for (const out of [pr, be]) {
        const applied = out.applied.map((sku) => specs[Number(sku.slice(7, sku.indexOf(':', 7)))]);
        for (const a of applied) for (const b of applied) if (a !== b) expect(a.with.includes(b.cls)).toBe(true);
        expect(out.applied.length + out.skipped.length).toBe(specs.length);
      }
    }), { numRuns: 150 });
  });
});

