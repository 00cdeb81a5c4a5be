// The output the benchmark times is the full exact one: on random carts the compiled executor's
// lines add up to the cent (SPEC 4: every amount is a sum of rounded line amounts).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSource } from '../compiler/index.ts';
import { expectedDiscountCents, makeCarts } from './carts.ts';
import { DOCUMENT_PATH } from './engines/compiled.ts';
import { exactOutput } from './engines/handwritten-exact.ts';

const cents = (money: string) => {
  expect(money).toMatch(/^-?\d+\.\d\d$/);
  return Math.round(Number(money) * 100);
};

describe('compiled benchmark executor', () => {
  const { built } = buildSource(readFileSync(DOCUMENT_PATH, 'utf8'), DOCUMENT_PATH);
  const executor = built[0].executor;

  it('spreads the discount over the lines so that every amount adds up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const [input] = makeCarts(1, seed);
        const out = executor.execute(input) as any;
        const lines = out.lines as { price: string; qty: number; discount: string; total: string }[];
        expect(lines).toHaveLength(input.cart.items.length);
        expect(cents(out.discount)).toBe(expectedDiscountCents(input));
        expect(lines.reduce((s, l) => s + cents(l.discount), 0)).toBe(cents(out.discount));
        expect(lines.reduce((s, l) => s + cents(l.total), 0)).toBe(cents(out.total));
        expect(cents(out.subtotal) - cents(out.discount)).toBe(cents(out.total));
        const subtotal = cents(out.subtotal);
        for (const l of lines) {
          expect(cents(l.price) * l.qty - cents(l.discount)).toBe(cents(l.total));
          // Largest remainder: each line gets its proportional share rounded down or up.
          const share = (cents(out.discount) * cents(l.price) * l.qty) / subtotal;
          expect([Math.floor(share), Math.ceil(share)]).toContain(cents(l.discount));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same lines as the hand-written exact contestant (so the bench compares equal work)', () => {
    for (const input of makeCarts(300, 4242)) {
      const out = executor.execute(input) as any;
      const mine = exactOutput(input);
      expect({ subtotal: out.subtotal, discount: out.discount, total: out.total, lines: out.lines }).toEqual(mine);
    }
  });
});
