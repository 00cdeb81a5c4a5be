// The Promotion engine on hand-written plans: SPEC 4's example, policies, reasons, item
// discounts with maxQty, shipping, gifts/coupons/points/messages, limits and trace.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rtMakeExecutor } from './executor.ts';
import { D, fullReductionPlan, makeBind, promoPlan, T } from './fixtures.ts';
import { decCmp, decMul } from './decimal.ts';
import type { Env } from './plan.ts';

const specCart = {
  cart: { items: [{ sku: 'A', price: 200, qty: 2 }, { sku: 'B', price: '60.00', qty: 1 }] },
  user: { id: 'u-1', level: 'vip' },
};
const now = '2026-11-11T00:30:00+08:00';

describe('promotion engine', () => {
  it("produces SPEC section 4's example output exactly", () => {
    const ex = rtMakeExecutor(fullReductionPlan());
    expect(ex.execute(specCart, { now })).toEqual({
      sku: 'promo:full-reduction:v1', version: '1.2.0',
      applied: true, reason: null, rules: ['big-spender'],
      subtotal: '460.00', discount: '80.00', total: '380.00',
      lines: [
        { sku: 'A', qty: 2, price: '200.00', discount: '69.57', total: '330.43' },
        { sku: 'B', qty: 1, price: '60.00', discount: '10.43', total: '49.57' },
      ],
      shipping: { free: false, discount: '0.00' },
      gifts: [], coupons: [], points: 0, messages: [],
      limits: { redemptions: 1, customer: 'u-1', budget: '80.00' },
    });
  });

  it('policy all applies every matching rule; templates see params', () => {
    const ex = rtMakeExecutor({ ...fullReductionPlan(), policy: 'all' });
    const out = ex.execute(specCart, { now, params: { threshold: 100 } });
    expect(out.rules).toEqual(['big-spender', 'rule-2']);
    expect(out.discount).toBe('110.00');
    expect(out.messages).toEqual(['满100.00减30']);
    expect(out.lines.map((l: any) => l.discount)).toEqual(['95.65', '14.35']);
  });

  it('policy best picks the largest discount, the earliest on ties', () => {
    const mk = (amounts: string[]) => rtMakeExecutor(promoPlan({
      policy: 'best',
      rules: amounts.map((a, i) => ({ name: `r${i}`, when: () => true, then: { orderDiscount: () => D(a) } })),
    }));
    expect(mk(['10', '30', '20']).execute(specCart).rules).toEqual(['r1']);
    expect(mk(['30', '10', '30']).execute(specCart).rules).toEqual(['r0']);
    // A percent item discount can beat a flat order discount.
    const ex = rtMakeExecutor(promoPlan({
      policy: 'best',
      rules: [
        { name: 'flat', when: () => true, then: { orderDiscount: () => D('40') } },
        { name: 'pct', when: () => true, then: { itemDiscount: { percent: () => D('0.1') } } },
      ],
    }));
    const out = ex.execute(specCart);
    expect(out.rules).toEqual(['pct']);
    expect(out.discount).toBe('46.00');
  });

  it('reports window, condition and no-rule with zero amounts and null limits', () => {
    const plan = fullReductionPlan();
    const win = rtMakeExecutor({ ...plan, window: { from: Date.parse('2026-11-11T00:00:00Z'), until: Date.parse('2026-11-12T00:00:00Z') } });
    const closed = win.execute(specCart, { now: '2026-11-12T00:00:00Z' });
    expect(closed).toMatchObject({ applied: false, reason: 'window', rules: [], discount: '0.00', subtotal: '460.00', total: '460.00', limits: null });
    expect(closed.lines.map((l: any) => l.discount)).toEqual(['0.00', '0.00']);
    expect(win.execute(specCart, { now: '2026-11-11T00:00:00Z' }).applied).toBe(true);
    const ex = rtMakeExecutor(plan);
    expect(ex.execute({ ...specCart, user: { id: 'u-2', level: 'normal' } })).toMatchObject({ applied: false, reason: 'condition' });
    const small = { cart: { items: [{ sku: 'A', price: 50, qty: 1 }] }, user: { id: 'u', level: 'vip' } };
    expect(ex.execute(small)).toMatchObject({ applied: false, reason: 'no-rule', discount: '0.00', limits: null, shipping: { free: false, discount: '0.00' } });
  });

  it('traces lets, the condition and each evaluated when, in order', () => {
    const ex = rtMakeExecutor({ ...fullReductionPlan(), window: { from: null, until: Date.parse('2030-01-01T00:00:00Z') } });
    const out = ex.execute(specCart, { now, trace: true });
    expect(out.trace).toEqual([
      { kind: 'let', name: 'big', value: true },
      { kind: 'window', name: 'window', value: true },
      { kind: 'condition', name: 'condition', value: true },
      { kind: 'when', name: 'big-spender', value: true },
    ]);
    expect(ex.execute(specCart, { now })).not.toHaveProperty('trace');
  });

  it('renders let values in the trace by their type', () => {
    const ex = rtMakeExecutor(promoPlan({
      bind: makeBind([['half', (env) => decMul(env.subtotal, D('0.5'))], ['when', (env) => env.now]]),
      letTypes: [{ name: 'half', type: T.money }, { name: 'when', type: T.timestamp }],
      rules: [{ name: 'never', when: () => false, then: {} }],
    }));
    const out = ex.execute(specCart, { trace: true, now: '2026-01-01T00:00:00Z' });
    expect(out.trace).toEqual([
      { kind: 'let', name: 'half', value: '230.00' },
      { kind: 'let', name: 'when', value: '2026-01-01T00:00:00.000Z' },
      { kind: 'when', name: 'never', value: false },
    ]);
  });

  it('maxQty discounts the cheapest units first, ties to the earlier line', () => {
    const cart = { cart: { items: [
      { sku: 'X', price: 30, qty: 2 }, { sku: 'Y', price: 10, qty: 1 }, { sku: 'Z', price: 20, qty: 1 }, { sku: 'W', price: 10, qty: 2 },
    ] } };
    const ex = rtMakeExecutor(promoPlan({ rules: [{ name: 'b3p2', when: () => true, then: { itemDiscount: { percent: () => D('1'), maxQty: () => 2 } } }] }));
    const out = ex.execute(cart);
    expect(out.lines.map((l: any) => l.discount)).toEqual(['0.00', '10.00', '0.00', '10.00']);
    expect(out.discount).toBe('20.00');
    const three = rtMakeExecutor(promoPlan({ rules: [{ name: 'm', when: () => true, then: { itemDiscount: { amount: () => D('5'), maxQty: () => 4 } } }] }));
    expect(three.execute(cart).lines.map((l: any) => l.discount)).toEqual(['0.00', '5.00', '5.00', '10.00']);
  });

  it('item discounts: percent, amount, fixed price, selected lines, never below zero, rounded per line', () => {
    const cart = { cart: { items: [{ sku: 'A', price: '9.99', qty: 3, category: 'shoes' }, { sku: 'B', price: 4, qty: 1, category: 'bags' }] } };
    const run = (then: any) => rtMakeExecutor(promoPlan({ rules: [{ name: 'r', when: () => true, then: { itemDiscount: then } }] })).execute(cart);
    expect(run({ percent: () => D('0.15') }).lines.map((l: any) => l.discount)).toEqual(['4.50', '0.60']); // 4.4955 -> 4.50
    expect(run({ amount: () => D('5') }).lines.map((l: any) => l.discount)).toEqual(['15.00', '4.00']);
    expect(run({ price: () => D('5') }).lines.map((l: any) => l.discount)).toEqual(['14.97', '0.00']);
    expect(run({ percent: () => D('1.5') }).lines.map((l: any) => l.total)).toEqual(['0.00', '0.00']);
    const sel = run({ items: (env: Env) => env.cart.items.filter((i: any) => i.category === 'bags'), percent: () => D('0.5') });
    expect(sel.lines.map((l: any) => l.discount)).toEqual(['0.00', '2.00']);
  });

  it('caps the order discount at what is left after item discounts', () => {
    const ex = rtMakeExecutor(promoPlan({
      policy: 'all',
      rules: [
        { name: 'items', when: () => true, then: { itemDiscount: { amount: () => D('150') } } },
        { name: 'order', when: () => true, then: { orderDiscount: () => D('1000') } },
      ],
    }));
    const out = ex.execute(specCart);
    expect(out.discount).toBe('460.00');
    expect(out.total).toBe('0.00');
    expect(out.lines.map((l: any) => l.total)).toEqual(['0.00', '0.00']);
  });

  it('shipping, gifts, coupons, points and messages', () => {
    const ex = rtMakeExecutor(promoPlan({
      policy: 'all',
      rules: [
        { name: 'ship', when: () => true, then: { shippingDiscount: () => D('20'), gift: { sku: () => 'G-1', qty: () => 2 }, points: () => 50 } },
        { name: 'coupon', when: () => true, then: { coupon: { to: (env) => env.user.id, amount: () => D('5'), expiresIn: () => 7 * 86400000 }, points: () => 5, message: () => 'thanks' } },
      ],
    }));
    const out = ex.execute({ ...specCart, cart: { ...specCart.cart, shipping: '12.00' } });
    expect(out.shipping).toEqual({ free: false, discount: '12.00' });
    expect(out.discount).toBe('12.00');
    expect(out.total).toBe('460.00');
    expect(out.gifts).toEqual([{ sku: 'G-1', qty: 2 }]);
    expect(out.coupons).toEqual([{ to: 'u-1', amount: '5.00', code: null, expiresIn: 'P7D' }]);
    expect(out.points).toBe(55);
    expect(out.messages).toEqual(['thanks']);
    const free = rtMakeExecutor(promoPlan({ rules: [{ name: 'f', when: () => true, then: { freeShipping: () => true } }] }));
    expect(free.execute({ ...specCart, cart: { ...specCart.cart, shipping: 8 } }).shipping).toEqual({ free: true, discount: '8.00' });
    expect(free.execute(specCart).shipping).toEqual({ free: true, discount: '0.00' });
  });

  it('limits: all three keys, null when not declared', () => {
    const ex = rtMakeExecutor(promoPlan({
      limits: { redemptions: null, perCustomer: null, customer: null, budget: () => D('100') },
      rules: [{ name: 'r', when: () => true, then: { orderDiscount: () => D('7.5') } }],
    }));
    expect(ex.execute(specCart).limits).toEqual({ redemptions: null, customer: null, budget: '7.50' });
  });

  it('uses the document rounding for line discounts', () => {
    const cart = { cart: { items: [{ sku: 'A', price: '0.25', qty: 1 }] } };
    const run = (rounding: any) => rtMakeExecutor(promoPlan({ rounding, rules: [{ name: 'r', when: () => true, then: { itemDiscount: { percent: () => D('0.1') } } }] })).execute(cart).discount;
    expect(run('half-up')).toBe('0.03');
    expect(run('half-even')).toBe('0.02');
    expect(run('down')).toBe('0.02');
    expect(run('up')).toBe('0.03');
  });

  it('outputs add up to the cent on random carts (property)', () => {
    const line = fc.record({
      sku: fc.string({ maxLength: 3 }),
      price: fc.integer({ min: 0, max: 10_000_00 }).map((c) => (c / 100).toFixed(2)),
      qty: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), fc.integer({ min: 0, max: 100_000_00 }), fc.integer({ min: 0, max: 100 }), (items, orderCents, pct) => {
      const ex = rtMakeExecutor(promoPlan({
        policy: 'all',
        rules: [
          { name: 'pct', when: () => true, then: { itemDiscount: { percent: () => D(String(pct / 100)) } } },
          { name: 'order', when: () => true, then: { orderDiscount: () => D((orderCents / 100).toFixed(2)) } },
        ],
      }));
      const out = ex.execute({ cart: { items } });
      const cents = (s: string) => Math.round(Number(s) * 100);
      const sumDisc = out.lines.reduce((a: number, l: any) => a + cents(l.discount), 0);
      const sumTotal = out.lines.reduce((a: number, l: any) => a + cents(l.total), 0);
      expect(sumDisc).toBe(cents(out.discount));
      expect(sumTotal).toBe(cents(out.total));
      expect(cents(out.subtotal) - cents(out.discount)).toBe(cents(out.total));
      for (const l of out.lines) expect(cents(l.total)).toBeGreaterThanOrEqual(0);
    }), { numRuns: 300 });
  });

  it('evaluation errors in rules become RuleErrors', () => {
    const ex = rtMakeExecutor(promoPlan({ rules: [{ name: 'r', when: (env) => decCmp(env.subtotal, env.nope) > 0, then: {} }] }));
    expect(() => ex.execute(specCart)).toThrowError(expect.objectContaining({ name: 'RuleError', code: 'evaluation-error' }));
  });
});
