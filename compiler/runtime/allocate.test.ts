// The largest-remainder allocation of order discounts over lines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocCents } from './allocate.ts';

describe('allocCents', () => {
  it("splits SPEC 4's example 80.00 over 400.00 and 60.00 as 69.57 / 10.43", () => {
    expect(allocCents(8000, [40000, 6000])).toEqual([6957, 1043]);
  });

  it('gives leftover cents to the largest remainders, ties to the earlier line', () => {
    expect(allocCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocCents(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocCents(0, [5, 5])).toEqual([0, 0]);
    expect(allocCents(5, [0, 0])).toEqual([0, 0]);
  });

  it('always adds up exactly and never exceeds a line (property, numbers and BigInts)', () => {
    const weights = fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(weights, fc.double({ min: 0, max: 1, noNaN: true }), (ws, frac) => {
      const sum = ws.reduce((a, b) => a + BigInt(b), 0n);
      const total = (sum * BigInt(Math.floor(frac * 1e6))) / 1_000_000n;
      const shares = allocCents(total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : total, ws).map((s) => BigInt(s));
      expect(shares.reduce((a, b) => a + b, 0n)).toBe(sum === 0n ? 0n : total);
      shares.forEach((s, i) => {
        expect(s >= 0n).toBe(true);
        expect(s <= BigInt(ws[i])).toBe(true);
      });
    }), { numRuns: 1000 });
  });
});

describe('allocCents on large carts', () => {
  it('sorted and scanned leftovers agree (ties to the earlier line)', () => {
    const ws = Array.from({ length: 40 }, () => 1);
    const shares = allocCents(10, ws);
    expect(shares.slice(0, 10)).toEqual(Array(10).fill(1));
    expect(shares.slice(10)).toEqual(Array(30).fill(0));
  });
});
