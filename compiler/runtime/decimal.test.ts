// Properties of the exact decimal type, checked against decimal.js (a test-only oracle).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import {
  Dec, decAbs, decAdd, decCeil, decCmp, decDiv, decDivScale, decEq, decFloor, decFromInt, decFromNumber, decMax, decMin,
  decMod, decMul, decNeg, decParse, decRound, decSub, decToInt, decToMoney, decToString,
} from './decimal.ts';

const D = Decimal.clone({ precision: 2000, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/** Decimal text with up to 28 significant digits and a scale up to 20, sometimes small, sometimes huge. */
const decText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 28n - 1n }), fc.bigInt({ min: 0n, max: 100000n }), fc.constant(0n)),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([neg, c, s]) => {
    let t = c.toString().padStart(s + 1, '0');
    if (s > 0) t = t.slice(0, t.length - s) + '.' + t.slice(t.length - s);
    return (neg ? '-' : '') + t;
  });

function dec(t: string): Dec {
  const d = decParse(t);
  if (d === null) throw new Error(`unparsable ${t}`);
  return d;
}

/** Canonical text of a decimal.js value (no exponent, no trailing zeros). */
function canon(x: Decimal): string {
  const s = x.toFixed();
  return s === '-0' ? '0' : s;
}

describe('decimal', () => {
  it('parses and prints canonically', () => {
    expect(decToString(dec('12.00'))).toBe('12');
    expect(decToString(dec('0.0005'))).toBe('0.0005');
    expect(decToString(dec('-3.50'))).toBe('-3.5');
    expect(decToString(dec('-0.000'))).toBe('0');
    expect(decToString(dec('1e-7'))).toBe('0.0000001');
    expect(decToString(dec('1.5E3'))).toBe('1500');
    expect(decToString(dec('.5'))).toBe('0.5');
    expect(decToString(dec('+7'))).toBe('7');
    for (const bad of ['', '-', '.', '1.', 'abc', '1e', '1 ', ' 1', '0x10', 'NaN', 'Infinity', '1e999999', '1e-5000', '--1']) {
      expect(decParse(bad)).toBeNull();
    }
  });

  it('converts JSON numbers through their shortest text', () => {
    expect(decToString(decFromNumber(0.1))).toBe('0.1');
    expect(decToString(decFromNumber(1e-7))).toBe('0.0000001');
    expect(decToString(decFromNumber(1e21))).toBe('1000000000000000000000');
    expect(decToString(decFromNumber(-2.5))).toBe('-2.5');
    expect(decToString(decFromInt(-0))).toBe('0');
    expect(() => decFromNumber(NaN)).toThrow(/finite/);
  });

  it('add, sub, mul are exact (vs decimal.js)', () => {
    fc.assert(
      fc.property(decText, decText, (a, b) => {
        expect(decToString(decAdd(dec(a), dec(b)))).toBe(canon(new D(a).plus(b)));
        expect(decToString(decSub(dec(a), dec(b)))).toBe(canon(new D(a).minus(b)));
        expect(decToString(decMul(dec(a), dec(b)))).toBe(canon(new D(a).times(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('div rounds half-even to 12 fraction digits; mod truncates', () => {
    fc.assert(
      fc.property(decText, decText, (a, b) => {
        fc.pre(!new D(b).isZero());
        expect(decToString(decDiv(dec(a), dec(b)))).toBe(canon(new D(a).div(b).toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN)));
        expect(decToString(decMod(dec(a), dec(b)))).toBe(canon(new D(a).mod(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('division by zero is an evaluation error', () => {
    expect(() => decDiv(dec('1'), dec('0.00'))).toThrowError(expect.objectContaining({ code: 'evaluation-error', message: 'division by zero' }));
    expect(() => decMod(dec('1'), dec('0'))).toThrowError(expect.objectContaining({ code: 'evaluation-error' }));
  });

  it('compares, min, max, abs, neg (vs decimal.js)', () => {
    fc.assert(
      fc.property(decText, decText, (a, b) => {
        expect(decCmp(dec(a), dec(b))).toBe(new D(a).cmp(b));
        expect(decEq(dec(a), dec(b))).toBe(new D(a).eq(b));
        expect(decToString(decMin(dec(a), dec(b)))).toBe(canon(D.min(a, b)));
        expect(decToString(decMax(dec(a), dec(b)))).toBe(canon(D.max(a, b)));
        expect(decToString(decAbs(dec(a)))).toBe(canon(new D(a).abs()));
        expect(decToString(decNeg(dec(a)))).toBe(canon(new D(a).neg()));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds by every mode (vs decimal.js)', () => {
    const modes = [
      ['half-up', Decimal.ROUND_HALF_UP],
      ['half-even', Decimal.ROUND_HALF_EVEN],
      ['down', Decimal.ROUND_DOWN],
      ['up', Decimal.ROUND_UP],
    ] as const;
    fc.assert(
      fc.property(decText, fc.integer({ min: 0, max: 25 }), fc.constantFrom(...modes), (a, digits, [mode, dm]) => {
        expect(decToString(decRound(dec(a), digits, mode))).toBe(canon(new D(a).toDecimalPlaces(digits, dm)));
        expect(decToMoney(dec(a), mode)).toBe(new D(a).toFixed(2, dm).replace(/^-(0\.00)$/, '$1'));
        expect(decToString(decFloor(dec(a)))).toBe(canon(new D(a).floor()));
        expect(decToString(decCeil(dec(a)))).toBe(canon(new D(a).ceil()));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds the documented examples', () => {
    expect(decToMoney(dec('2.345'), 'half-up')).toBe('2.35');
    expect(decToMoney(dec('2.345'), 'half-even')).toBe('2.34');
    expect(decToMoney(dec('-2.345'), 'half-up')).toBe('-2.35');
    expect(decToMoney(dec('2.341'), 'up')).toBe('2.35');
    expect(decToMoney(dec('-2.349'), 'down')).toBe('-2.34');
    expect(decToMoney(dec('30'), 'half-up')).toBe('30.00');
    expect(decToMoney(dec('-0.001'), 'half-up')).toBe('0.00');
    expect(decToString(decRound(dec('1250'), -2, 'half-even'))).toBe('1200');
  });

  it('decDivScale divides at any scale', () => {
    expect(decToString(decDivScale(dec('100'), dec('3'), 20, 'half-even'))).toBe('33.33333333333333333333');
    expect(decToString(decDivScale(dec('2'), dec('3'), 0, 'down'))).toBe('0');
  });

  it('decToInt gives numbers for safe integers and fails beyond', () => {
    expect(decToInt(dec('42'))).toBe(42);
    expect(decToInt(dec('-7.9'))).toBe(-7);
    expect(() => decToInt(dec('1e30'))).toThrowError(expect.objectContaining({ code: 'evaluation-error' }));
  });

  it('stays exact at the safe-integer boundary', () => {
    const max = dec('9007199254740991');
    expect(decToString(decAdd(max, dec('1')))).toBe('9007199254740992');
    expect(decToString(decAdd(max, dec('0.01')))).toBe('9007199254740991.01');
    expect(decToString(decMul(max, max))).toBe(canon(new D('9007199254740991').pow(2)));
    expect(decToString(decSub(decAdd(max, dec('10')), dec('10')))).toBe('9007199254740991');
  });

  it('JSON numbers convert exactly to the decimal of their shortest text (vs decimal.js)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      expect(decToString(decFromNumber(n))).toBe(canon(new D(String(n))));
    }), { numRuns: 2000 });
  });

  it('parse and print round-trip canonical text', () => {
    fc.assert(fc.property(decText, (t) => {
      const once = decToString(dec(t));
      expect(decToString(dec(once))).toBe(once);
      expect(once).toBe(canon(new D(t)));
    }), { numRuns: 2000 });
  });

  it('refuses absurd rounding positions instead of hanging', () => {
    expect(() => decRound(dec('5'), -1e9, 'up')).toThrowError(expect.objectContaining({ code: 'evaluation-error' }));
    expect(decToString(decRound(dec('5.5'), 1e9, 'up'))).toBe('5.5');
  });

  it('price-like JSON numbers take the fast path and still equal their shortest text', () => {
    const priceLike = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 10 })).map(([x, s]) => x / 10 ** s);
    fc.assert(fc.property(priceLike, (n) => {
      expect(decToString(decFromNumber(n))).toBe(canon(new D(String(n))));
      expect(decToMoney(decFromNumber(n), 'half-even')).toBe(new D(String(n)).toFixed(2, Decimal.ROUND_HALF_EVEN).replace(/^-(0\.00)$/, '$1'));
    }), { numRuns: 5000 });
  });
});
