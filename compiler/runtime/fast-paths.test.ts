// Properties of the speed paths against the slow exact ones and decimal.js: the generated input
// converter (convert-gen.ts) against the careful converter, the table money formatter, the
// number-only leftover allocation against the BigInt one, and the Promotion engine's integer-cents
// line path against exact decimal arithmetic on awkward money values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal as DecimalJs } from 'decimal.js';
import type { RType } from './plan.ts';
import type { RuleProblem } from './errors.ts';
import { Dec, decAdd, decCentsText, decFromInt, decFromNumber, decMul, decParse, decToString } from './decimal.ts';
import { centsMoney } from './cents.ts';
import { allocCents, allocCentsSmall } from './allocate.ts';
import { cgenFastConverter } from './convert-gen.ts';
import { valConvert } from './values.ts';
import { rtMakeExecutor } from './executor.ts';
import { promoPlan } from './fixtures.ts';
import { cxIncludes, cxSumDecInt } from '../prelude/expr.ts';

/** decimal.js with room for every digit (its default precision of 20 would round the reference). */
const Decimal = DecimalJs.clone({ precision: 200 });

const BAD = Symbol('bad');

/** Runtime values with Decs as `dec:<canonical>` text, so converters' results compare by value. */
function norm(v: unknown): unknown {
  if (v instanceof Dec) return `dec:${decToString(v)}`;
  if (Array.isArray(v)) return v.map(norm);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = norm((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

/** Money-ish JSON values: plain prices, awkward strings and numbers, and junk. */
const moneyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => c / 100),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => (c / 100).toFixed(2)),
  fc.constantFrom('0.005', '1e-7', '-0', '0', '-0.00', '1E+3', '.5', '5.', '', ' 1', '1_0', 'NaN', 'Infinity',
    '1234567890123456789012345678', '-0.0000000000000000000000000001', '9007199254740993', '1e999', -0, 1e-7, 1e21,
    9007199254740993, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2),
  fc.double({ noNaN: false }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((b) => `${b}`),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 28n }), fc.integer({ min: 0, max: 30 })).map(([b, s]) => new Decimal(b.toString()).div(new Decimal(10).pow(s)).toFixed()),
  fc.constantFrom(null, undefined, true, 'x', [], {}),
);

const Item: RType = {
  kind: 'object', name: 'Item',
  fields: [
    { name: 'sku', type: { kind: 'string' } },
    { name: 'price', type: { kind: 'money' } },
    { name: 'qty', type: { kind: 'int' } },
    { name: 'rate', type: { kind: 'optional', inner: { kind: 'decimal' } } },
    { name: 'level', type: { kind: 'enum', values: ['normal', 'vip'] } },
    { name: 'toString', type: { kind: 'optional', inner: { kind: 'string' } } },
  ],
};
const Input: RType = {
  kind: 'object',
  fields: [
    { name: 'cart', type: { kind: 'object', fields: [{ name: 'items', type: { kind: 'list', element: Item } }, { name: 'shipping', type: { kind: 'optional', inner: { kind: 'money' } } }] } },
    { name: 'at', type: { kind: 'optional', inner: { kind: 'timestamp' } } },
    { name: 'ttl', type: { kind: 'optional', inner: { kind: 'duration' } } },
    { name: 'ok', type: { kind: 'bool' } },
    { name: 'none', type: { kind: 'null' } },
    { name: 'tags', type: { kind: 'list', element: { kind: 'optional', inner: { kind: 'int' } } } },
  ],
};

const itemJson = fc.record({
  sku: fc.oneof(fc.string(), fc.constant(7 as unknown)),
  price: moneyJson,
  qty: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(1.5 as unknown, '2', -0, 2 ** 53)),
  rate: fc.oneof(moneyJson, fc.constant(null)),
  level: fc.constantFrom('normal', 'vip', 'gold', 3 as unknown),
  toString: fc.constantFrom('t', 5 as unknown, null),
}, { requiredKeys: ['sku', 'price', 'qty', 'level'] });

const inputJson = fc.record({
  cart: fc.oneof(fc.record({ items: fc.array(itemJson, { maxLength: 4 }), shipping: fc.oneof(moneyJson, fc.constant(null)) }, { requiredKeys: ['items'] }), fc.constant([] as unknown)),
  at: fc.constantFrom('2026-11-11T00:30:00+08:00', '2026-11-11', null, 5 as unknown),
  ttl: fc.constantFrom('15m', 'PT2H', 'soon', null),
  ok: fc.oneof(fc.boolean(), fc.constant(0 as unknown)),
  none: fc.constantFrom(null, 0 as unknown),
  tags: fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.constant(0.5)), { maxLength: 3 }),
  junk: fc.anything(),
}, { requiredKeys: ['cart', 'ok', 'tags'] });

describe('generated input converter', () => {
  const fast = cgenFastConverter(Input, BAD)!;

  it('is generated for ordinary types and refused for a __proto__ field', () => {
    expect(typeof fast).toBe('function');
    expect(cgenFastConverter({ kind: 'object', fields: [{ name: '__proto__', type: { kind: 'int' } }] }, BAD)).toBeNull();
  });

  it('accepts exactly what the careful converter accepts, with the same value (property)', () => {
    fc.assert(fc.property(inputJson, (json) => {
      const errors: RuleProblem[] = [];
      const careful = valConvert(Input, json, '', errors);
      const v = fast(json);
      if (v === BAD) expect(errors.length).toBeGreaterThan(0);
      else {
        expect(errors).toEqual([]);
        expect(norm(v)).toEqual(norm(careful));
        // Same scale too, not only the same value: what the generic path builds.
        const items = (json as any).cart.items as any[];
        (v as any).cart.items.forEach((it: any, i: number) => {
          const raw = items[i].price;
          const want = typeof raw === 'number' ? decFromNumber(raw) : decParse(raw)!;
          expect([it.price.c, it.price.s]).toEqual([want.c, want.s]);
        });
      }
    }), { numRuns: 600 });
  });

  it('leaves objects with another prototype or an inherited field to the careful converter', () => {
    const t: RType = { kind: 'object', fields: [{ name: 'price', type: { kind: 'money' } }] };
    const f = cgenFastConverter(t, BAD)!;
    expect(f(Object.create({ price: 1 }))).toBe(BAD);
    const errors: RuleProblem[] = [];
    valConvert(t, Object.create({ price: 1 }), '', errors);
    expect(errors).toEqual([{ path: '/price', message: 'missing required field (expected money)' }]);
    expect(norm(f(Object.assign(Object.create(null), { price: '1.50' })))).toEqual({ price: 'dec:1.5' });
    const o = cgenFastConverter({ kind: 'object', fields: [{ name: 'toString', type: { kind: 'optional', inner: { kind: 'string' } } }] }, BAD)!;
    expect(o({})).toEqual({ toString: null });
  });
});

describe('money text of whole cents', () => {
  it('matches decimal.js for any safe integer of cents (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.maxSafeInteger().map((x) => x), fc.constantFrom(0, -0, 1, -1, 99, -99, 100, -100, 9007199254740991, -9007199254740991, 2147483647, 2147483648, -2147483647, -2147483648, 2147483699, 4294967296), fc.integer({ min: 2147483000, max: 2147484000 }).map((c) => (c % 2 ? c : -c))), (c) => {
      const want = new Decimal(c).div(100).toFixed(2);
      expect(decCentsText(c)).toBe(want === '-0.00' ? '0.00' : want);
      expect(centsMoney(c)).toBe(decCentsText(c));
      expect(centsMoney(BigInt(c) * 1000n)).toBe(new Decimal(c).times(10).toFixed(2));
    }), { numRuns: 1000 });
  });
});

describe('number-only leftover allocation', () => {
  it('gives the same shares as the BigInt path (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 1_000_000 }), (weights, want) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      const total = Math.min(want, sum);
      const fast = allocCents(total, weights);
      const slow = allocCents(BigInt(total), weights.map((w) => BigInt(w))).map((x) => Number(x));
      expect(fast).toEqual(slow);
      expect(fast.reduce((a: number, b) => a + Number(b), 0)).toBe(sum > 0 ? total : 0);
    }), { numRuns: 500 });
  });

  it('packed-key leftovers agree with the BigInt path on large remainders and ties (property)', () => {
    // Weights up to 2^40 keep remainders below 2^46 (packed keys); up to 2^44 some exceed it
    // (the generic path); small weights with many equal remainders test the ties.
    const weight = fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 44 }), fc.constantFrom(0, 1, 2, 3));
    fc.assert(fc.property(fc.array(weight, { minLength: 1, maxLength: 70 }), fc.integer({ min: 0, max: 200 }), (weights, want) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      const total = Math.min(want, sum);
      const fast = allocCents(total, weights);
      const slow = allocCents(BigInt(total), weights.map((w) => BigInt(w))).map((x) => Number(x));
      expect(fast).toEqual(slow);
    }), { numRuns: 500 });
  });
});

describe('allocation of an order discount over plain carts', () => {
  it('allocCentsSmall gives the shares of the BigInt path, or null outside its bounds (property)', () => {
    const weight = fc.oneof(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(0, 1, 7));
    fc.assert(fc.property(fc.array(weight, { minLength: 1, maxLength: 70 }), fc.integer({ min: -5, max: 2_000_000 }), (weights, want) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      const total = Math.min(want, sum);
      const small = allocCentsSmall(total, weights, sum);
      const inBounds = weights.length <= 64 && total > 0 && sum < 2 ** 46 && total * sum <= 2 ** 50;
      if (!inBounds) {
        expect(small).toBeNull();
        return;
      }
      const slow = allocCents(BigInt(total), weights.map((w) => BigInt(w))).map((x) => Number(x));
      expect(small).toEqual(slow);
    }), { numRuns: 1000 });
  });
});

describe('Promotion output from integer cents', () => {
  // The same cart twice: prices as 2-digit numbers (the cents path) and as 3-digit strings with a
  // trailing zero (the same values, but every line takes the exact Dec path). Outputs must match.
  const discount = fc.integer({ min: 0, max: 100_000 });
  const line = fc.record({ cents: fc.integer({ min: 0, max: 1_000_000 }), qty: fc.integer({ min: 0, max: 5 }) });
  it('renders exactly what the exact path renders (property)', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), discount, (lines, off) => {
      const ex = rtMakeExecutor(promoPlan({ rules: [{ name: 'r', when: () => true, then: { orderDiscount: () => new Dec(off, 2) } }] }));
      const fast = ex.execute({ cart: { items: lines.map((l, i) => ({ sku: `S${i}`, price: l.cents / 100, qty: l.qty })) } });
      const exact = ex.execute({ cart: { items: lines.map((l, i) => ({ sku: `S${i}`, price: `${(l.cents / 100).toFixed(2)}0`, qty: l.qty })) } });
      expect(fast).toEqual(exact);
    }), { numRuns: 400 });
  });
});

describe('sum of decimal * int (cxSumDecInt)', () => {
  // Coefficients from cents to far beyond 2^53 (bigints), scales 0-20, quantities up to 2^40:
  // the running coefficient, its rescaling and the switch to Dec arithmetic mid-list.
  const dec = fc.tuple(
    fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })),
    fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })),
  ).map(([c, s]) => (typeof c === 'bigint' && c <= 9007199254740991n && c >= -9007199254740991n ? new Dec(Number(c), s) : new Dec(c === 0 ? 0 : c, s)));
  const qty = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }));
  it('gives the value and scale of the generic Dec sum (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ price: dec, qty }), { maxLength: 30 }), (xs) => {
      const got = cxSumDecInt(xs, (x) => x.price, (x) => x.qty);
      const want = xs.reduce((acc, x) => decAdd(acc, decMul(x.price, decFromInt(x.qty))), new Dec(0, 0));
      expect([String(got.c), got.s]).toEqual([String(want.c), want.s]);
      expect(typeof got.c).toBe(typeof want.c);
    }), { numRuns: 2000 });
  });
});

describe('x in a list of primitives (cxIncludes)', () => {
  it('answers as Array.prototype.includes (property)', () => {
    const prim = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constantFrom(0, -0, Number.NaN, '', 'shoes'));
    fc.assert(fc.property(fc.array(prim, { maxLength: 8 }), prim, (xs, x) => {
      expect(cxIncludes(xs, x)).toBe(xs.includes(x));
    }), { numRuns: 2000 });
  });
});

describe('decFromNumber on prices', () => {
  it('gives the same coefficient and scale as parsing the shortest text (property)', () => {
    const n = fc.oneof(
      fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((c) => c / 100),
      fc.integer({ min: -2_000_000, max: 2_000_000 }).map((c) => c / 10),
      fc.tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 9 })).map(([c, k]) => c / 10 ** k),
      fc.double({ min: -1e14, max: 1e14, noNaN: true }),
      fc.constantFrom(0.1 + 0.2, 0.005, -0.05, 1e-7, 9999999999999.99, -9999999999999.9, 0.07, 1.1, 1.15, 4.35),
    );
    fc.assert(fc.property(n, (x) => {
      const got = decFromNumber(x);
      const want = decParse(String(x))!;
      expect([got.c, got.s]).toEqual([want.c, want.s]);
    }), { numRuns: 3000 });
  });
});

describe('Promotion line amounts in integer cents', () => {
  const ex = rtMakeExecutor(promoPlan({ rules: [{ name: 'r', when: () => true, then: { orderDiscount: () => new Dec(1, 2) } }] }));
  const price = fc.oneof(
    fc.integer({ min: 0, max: 2_000_000 }).map((c) => c / 100 as unknown),
    fc.integer({ min: 0, max: 2_000_000 }).map((c) => (c / 100).toFixed(2) as unknown),
    fc.constantFrom('0.005', '1e-7', '-0', '0.015', '0.025', '199.995', '1234567890123456789012345678', '90071992547409.91', '90071992547409.92', 1e-7, 0.005,
      '-1.5', -12.34, '-0.01', '90071992547409.9', 900719925474099, '9007199254740991', 0.1, 12.5),
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 28n }), fc.integer({ min: 0, max: 28 })).map(([b, s]) => new Decimal(b.toString()).div(new Decimal(10).pow(s)).toFixed() as unknown),
  );

  it('subtotal and line totals match exact decimal arithmetic rounded half-up per line (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ price, qty: fc.integer({ min: 0, max: 1000 }) }), { minLength: 1, maxLength: 8 }), (lines) => {
      const out = ex.execute({ cart: { items: lines.map((l, i) => ({ sku: `S${i}`, price: l.price, qty: l.qty })) } });
      const gross = lines.map((l) => new Decimal(String(l.price)).times(l.qty).toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP));
      const subtotal = gross.reduce((a, b) => a.plus(b), new Decimal(0));
      expect(out.subtotal).toBe(subtotal.toFixed(2));
      const discounts = out.lines.map((l: any) => new Decimal(l.discount));
      out.lines.forEach((l: any, i: number) => expect(new Decimal(l.total).plus(discounts[i]).toFixed(2)).toBe(gross[i].toFixed(2)));
      // The price text (from whole cents when every price has at most 2 digits): the price rounded half-up.
      out.lines.forEach((l: any, i: number) => expect(l.price).toBe(new Decimal(String(lines[i].price)).toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP).toFixed(2).replace(/^-(0\.00)$/, '$1')));
    }), { numRuns: 400 });
  });
});
