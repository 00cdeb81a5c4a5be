// The benchmark's carts are deterministic, in range, and exercise every tier.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES, expectedDiscountCents, makeCarts, prng } from './carts.ts';

describe('makeCarts', () => {
  it('gives the same carts for the same seed and different carts for another', () => {
    expect(makeCarts(50, 7)).toEqual(makeCarts(50, 7));
    expect(makeCarts(50, 7)).not.toEqual(makeCarts(50, 8));
  });

  it('keeps lines, prices and quantities in range, prices in whole cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        for (const { cart } of makeCarts(5, seed)) {
          expect(cart.items.length).toBeGreaterThanOrEqual(5);
          expect(cart.items.length).toBeLessThanOrEqual(20);
          for (const line of cart.items) {
            expect(CATEGORIES).toContain(line.category);
            expect(line.qty).toBeGreaterThanOrEqual(1);
            expect(line.qty).toBeLessThanOrEqual(3);
            expect(line.price).toBeGreaterThanOrEqual(1);
            expect(line.price).toBeLessThanOrEqual(129.99);
            expect(String(line.price)).toMatch(/^\d+(\.\d{1,2})?$/);
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('covers all three outcomes on the default seed', () => {
    const seen = new Set(makeCarts(500).map(expectedDiscountCents));
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 3000, 8000]);
  });
});

describe('expectedDiscountCents', () => {
  const cart = (...lines: [string, number, number][]) => ({
    cart: { items: lines.map(([category, price, qty], i) => ({ sku: `L${i}`, category, price, qty })) },
  });
  it('counts only shoes and bags, thresholds inclusive', () => {
    expect(expectedDiscountCents(cart(['shoes', 199.99, 1], ['bags', 0.01, 1], ['tops', 500, 1]))).toBe(3000);
    expect(expectedDiscountCents(cart(['shoes', 199.99, 1], ['tops', 500, 1]))).toBe(0);
    expect(expectedDiscountCents(cart(['bags', 100, 4]))).toBe(8000);
    expect(expectedDiscountCents(cart(['bags', 133.33, 3]))).toBe(3000);
    expect(expectedDiscountCents(cart())).toBe(0);
  });
});

describe('prng', () => {
  it('stays in [0, 1)', () => {
    const next = prng(1);
    const xs = Array.from({ length: 10_000 }, next);
    expect(xs.filter((x) => !(x >= 0 && x < 1))).toEqual([]);
    // Roughly uniform: each tenth of [0, 1) gets 8-12 % of the draws.
    for (let d = 0; d < 10; d++) {
      const share = xs.filter((x) => Math.floor(x * 10) === d).length / xs.length;
      expect(share).toBeGreaterThan(0.08);
      expect(share).toBeLessThan(0.12);
    }
  });
});
