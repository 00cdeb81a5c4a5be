// Integer cents: exact across the safe-integer boundary, and their money text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centsAdd, centsMin, centsMoney, centsPos, centsSub } from './cents.ts';
import { rtMakeExecutor } from './executor.ts';
import { D, promoPlan } from './fixtures.ts';

const big = fc.oneof(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -100000n, max: 100000n }));
const norm = (b: bigint) => (b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);

describe('cents', () => {
  it('adds and subtracts exactly, numbers while safe (property)', () => {
    fc.assert(fc.property(big, big, (a, b) => {
      expect(centsAdd(norm(a), norm(b))).toEqual(norm(a + b));
      expect(centsSub(norm(a), norm(b))).toEqual(norm(a - b));
      expect(centsMin(norm(a), norm(b))).toEqual(norm(a < b ? a : b));
      expect(centsPos(norm(a))).toEqual(norm(a < 0n ? 0n : a));
    }), { numRuns: 1000 });
  });

  it('prints money text', () => {
    expect(centsMoney(0)).toBe('0.00');
    expect(centsMoney(5)).toBe('0.05');
    expect(centsMoney(-5)).toBe('-0.05');
    expect(centsMoney(3000)).toBe('30.00');
    expect(centsMoney(-123456)).toBe('-1234.56');
    expect(centsMoney(12345678901234567890n)).toBe('123456789012345678.90');
    expect(centsMoney(-100n * 10n ** 18n)).toBe('-1000000000000000000.00');
  });

  it('a cart beyond 2^53 cents still adds up exactly', () => {
    const ex = rtMakeExecutor(promoPlan({
      policy: 'all',
      rules: [
        { name: 'pct', when: () => true, then: { itemDiscount: { percent: () => D('0.1') } } },
        { name: 'order', when: () => true, then: { orderDiscount: () => D('1000000000000000.01') } },
      ],
    }));
    const out = ex.execute({ cart: { items: [{ sku: 'A', price: '9999999999999999.99', qty: 1000 }, { sku: 'B', price: '0.07', qty: 3 }] } });
    const c = (s: string) => BigInt(s.replace('.', ''));
    expect(out.subtotal).toBe('9999999999999999990.21');
    const disc = out.lines.reduce((a: bigint, l: any) => a + c(l.discount), 0n);
    const tot = out.lines.reduce((a: bigint, l: any) => a + c(l.total), 0n);
    expect(disc).toBe(c(out.discount));
    expect(tot).toBe(c(out.total));
    expect(c(out.subtotal) - c(out.discount)).toBe(c(out.total));
    expect(out.lines[0].discount).toBe('1000999999999999999.01'); // 10% of 9999999999999999990.00 + all of the order discount
  });
});
