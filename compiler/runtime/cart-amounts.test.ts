// Carts with negative lines (returns: a negative qty or price): an order discount never exceeds what
// is left of the subtotal (SPEC 4), so the total never goes below zero because of a discount; and
// `subtotal` is the exact sum of price * qty.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSource } from '../index.ts';

const DOC = (discount: string) => `apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: neg
  version: 1.0.0
  title: negative lines
input:
  cart: { items: "list<{ sku: string, price: money, qty: int }>" }
spec:
  rules:
    - when: true
      then: { orderDiscount: ${discount} }
`;

function executor(discount: string) {
  const { built, diagnostics } = buildSource(DOC(discount), 'neg.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return built[0]!.executor;
}

const cents = (s: string) => Math.round(Number(s) * 100);

describe('order discount with negative lines', () => {
  it('a return line lowers what the order discount may take (QA: 150 off a 20.00 order gave -100.00)', () => {
    const out = executor('150').execute({ cart: { items: [{ sku: 'a', price: '100', qty: -1 }, { sku: 'b', price: '120', qty: 1 }] } }) as any;
    expect(out).toMatchObject({ subtotal: '20.00', discount: '20.00', total: '0.00' });
    expect(out.lines.map((l: any) => [l.discount, l.total])).toEqual([['0.00', '-100.00'], ['20.00', '100.00']]);
    const none = executor('150').execute({ cart: { items: [{ sku: 'a', price: '100', qty: -2 }, { sku: 'b', price: '120', qty: 1 }] } }) as any;
    expect(none).toMatchObject({ subtotal: '-80.00', discount: '0.00', total: '-80.00' });
  });

  it('property: discount <= max(0, subtotal), lines add up, no line discount above its positive total', () => {
    const ex = executor('75.5');
    const line = fc.record({ sku: fc.constantFrom('a', 'b', 'c'), price: fc.integer({ min: -5000, max: 20000 }).map((c) => (c / 100).toFixed(2)), qty: fc.integer({ min: -3, max: 4 }) });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (items) => {
      const out = ex.execute({ cart: { items } }) as any;
      const subtotal = cents(out.subtotal);
      const discount = cents(out.discount);
      expect(discount).toBeLessThanOrEqual(Math.max(0, subtotal));
      expect(discount).toBeLessThanOrEqual(7550);
      expect(out.lines.reduce((s: number, l: any) => s + cents(l.discount), 0)).toBe(discount);
      for (const l of out.lines) expect(cents(l.discount)).toBeLessThanOrEqual(Math.max(0, cents(l.price) * l.qty));
      if (subtotal >= 0) expect(cents(out.total)).toBeGreaterThanOrEqual(0);
    }), { numRuns: 300 });
  });
});

describe('subtotal is exact', () => {
  it('a 28-significant-digit price just under a threshold does not reach it (subtotal agrees with the sum macro)', () => {
    const { built } = buildSource(DOC('30').replace('when: true', 'when: subtotal >= 200'), 'x.yaml');
    const out = built[0]!.executor.execute({ cart: { items: [{ sku: 'a', price: '199.9999999999999999999999999', qty: 1 }] } }) as any;
    expect(out.applied).toBe(false);
    const at = built[0]!.executor.execute({ cart: { items: [{ sku: 'a', price: '200.0000000000000000000000000', qty: 1 }] } }) as any;
    expect(at.applied).toBe(true);
  });
});
