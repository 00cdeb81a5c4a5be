// Differential property: the promotion engine against a naive model in integer cents that
// expands every unit, sorts them cheapest first and splits the order discount by exact fractions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rtMakeExecutor } from './executor.ts';
import { D, promoPlan } from './fixtures.ts';

interface Line { price: number; qty: number } // price in cents

function model(lines: Line[], pct: number, maxQty: number, orderCents: number) {
  const units: { price: number; line: number }[] = [];
  lines.forEach((l, i) => { for (let k = 0; k < l.qty; k++) units.push({ price: l.price, line: i }); });
  units.sort((a, b) => a.price - b.price || a.line - b.line);
  const taken = lines.map(() => 0);
  units.slice(0, maxQty).forEach((u) => taken[u.line]++);
  const gross = lines.map((l) => l.price * l.qty);
  const item = lines.map((l, i) => {
    const num = l.price * pct * taken[i]; // cents * percent
    const q = Math.floor(num / 100);
    const d = num - q * 100 >= 50 ? q + 1 : q; // half-up, non-negative
    return Math.min(d, gross[i]);
  });
  const left = gross.map((g, i) => g - item[i]);
  const sumLeft = left.reduce((a, b) => a + b, 0);
  const total = Math.min(orderCents, sumLeft);
  const share = left.map((w) => (sumLeft === 0 ? 0 : Math.floor((total * w) / sumLeft)));
  const rem = left.map((w, i) => (sumLeft === 0 ? 0 : total * w - share[i] * sumLeft));
  let leftover = total - share.reduce((a, b) => a + b, 0);
  const order = rem.map((r, i) => i).sort((a, b) => rem[b] - rem[a] || a - b);
  for (const i of order) if (leftover-- > 0) share[i]++;
  return gross.map((g, i) => ({ discount: item[i] + share[i], total: g - item[i] - share[i] }));
}

const money = (c: number) => (c / 100).toFixed(2);

describe('promotion engine vs a unit-by-unit model', () => {
  it('agrees on every line for random carts, percents, maxQty and order discounts', () => {
    const line = fc.record({ price: fc.integer({ min: 0, max: 20000 }), qty: fc.integer({ min: 0, max: 5 }) });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 100000 }), (lines, pct, maxQty, orderCents) => {
      const ex = rtMakeExecutor(promoPlan({
        policy: 'all',
        rules: [
          { name: 'items', when: () => true, then: { itemDiscount: { percent: () => D(String(pct / 100)), maxQty: () => maxQty } } },
          { name: 'order', when: () => true, then: { orderDiscount: () => D(money(orderCents)) } },
        ],
      }));
      const out = ex.execute({ cart: { items: lines.map((l, i) => ({ sku: `S${i}`, price: money(l.price), qty: l.qty })) } });
      const expected = model(lines, pct, maxQty, orderCents);
      expect(out.lines.map((l: any) => ({ discount: l.discount, total: l.total }))).toEqual(expected.map((e) => ({ discount: money(e.discount), total: money(e.total) })));
    }), { numRuns: 300 });
  });
});
