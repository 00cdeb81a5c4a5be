// Converting caller JSON to runtime values (with JSON-pointer errors) and rendering outputs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RType } from './plan.ts';
import type { RuleProblem } from './errors.ts';
import { Dec, decToString } from './decimal.ts';
import { valConvert, valOutput, valPointerToken, valTemplate } from './values.ts';

const Item: RType = {
  kind: 'object', name: 'Item',
  fields: [
    { name: 'sku', type: { kind: 'string' } },
    { name: 'price', type: { kind: 'money' } },
    { name: 'qty', type: { kind: 'int' } },
    { name: 'note', type: { kind: 'optional', inner: { kind: 'string' } } },
  ],
};
const Input: RType = {
  kind: 'object',
  fields: [
    { name: 'cart', type: { kind: 'object', fields: [{ name: 'items', type: { kind: 'list', element: Item } }, { name: 'shipping', type: { kind: 'optional', inner: { kind: 'money' } } }] } },
    { name: 'user', type: { kind: 'object', fields: [{ name: 'level', type: { kind: 'enum', values: ['normal', 'vip'] } }] } },
    { name: 'at', type: { kind: 'timestamp' } },
    { name: 'ttl', type: { kind: 'duration' } },
    { name: 'rate', type: { kind: 'decimal' } },
    { name: 'ok', type: { kind: 'bool' } },
  ],
};

function convert(t: RType, json: unknown): { value: any; errors: RuleProblem[] } {
  const errors: RuleProblem[] = [];
  return { value: valConvert(t, json, '', errors), errors };
}

describe('valConvert', () => {
  it('converts a valid input into runtime values and drops extra keys', () => {
    const { value, errors } = convert(Input, {
      cart: { items: [{ sku: 'A', price: '200.00', qty: 2, extra: 1 }, { sku: 'B', price: 60, qty: 1, note: null }] },
      user: { level: 'vip' }, at: '2026-11-11T00:30:00+08:00', ttl: '15m', rate: '0.0005', ok: true, junk: [1],
    });
    expect(errors).toEqual([]);
    expect(value.cart.items[0].price).toBeInstanceOf(Dec);
    expect(decToString(value.cart.items[0].price)).toBe('200');
    expect(value.cart.items[0]).not.toHaveProperty('extra');
    expect(value.cart.items[0].note).toBeNull();
    expect(value.cart.shipping).toBeNull();
    expect(value.at).toBe(Date.parse('2026-11-10T16:30:00Z'));
    expect(value.ttl).toBe(900000);
    expect(decToString(value.rate)).toBe('0.0005');
    expect(value).not.toHaveProperty('junk');
  });

  it('lists every problem with its JSON pointer', () => {
    const { errors } = convert(Input, {
      cart: { items: [{ sku: 'A', price: 1, qty: 1 }, { sku: 'B', price: 'ten', qty: 1 }, { sku: 'C', price: 1, qty: 'two' }], shipping: true },
      user: { level: 'gold' }, at: '2026-11-11', ttl: 15, rate: 1e400, ok: 'yes',
    });
    expect(errors).toEqual([
      { path: '/cart/items/1/price', message: 'expected money, got "ten"' },
      { path: '/cart/items/2/qty', message: 'expected int, got "two"' },
      { path: '/cart/shipping', message: 'expected money?, got true' },
      { path: '/user/level', message: 'expected enum(normal, vip), got "gold"' },
      { path: '/at', message: 'expected timestamp, got "2026-11-11"' },
      { path: '/ttl', message: 'expected duration, got 15' },
      { path: '/rate', message: 'expected decimal, got Infinity' },
      { path: '/ok', message: 'expected bool, got "yes"' },
    ]);
  });

  it('reports missing fields, wrong shapes, non-integers and unsafe integers', () => {
    expect(convert(Input, null).errors).toEqual([{ path: '', message: 'expected object, got null' }]);
    expect(convert(Input, []).errors).toEqual([{ path: '', message: 'expected object, got an array' }]);
    const { errors } = convert(Input, { cart: { items: [{ sku: 'A', price: 1, qty: 1.5 }, { sku: 'A', price: 1, qty: 2 ** 53 }] } });
    expect(errors[0]).toEqual({ path: '/cart/items/0/qty', message: 'expected int, got 1.5' });
    expect(errors[1]).toEqual({ path: '/cart/items/1/qty', message: 'expected int, got 9007199254740992' });
    expect(errors[2]).toEqual({ path: '/user', message: 'missing required field (expected object)' });
  });

  it('escapes JSON pointer tokens', () => {
    expect(valPointerToken('a/b~c')).toBe('a~1b~0c');
    const t: RType = { kind: 'object', fields: [{ name: 'a/b', type: { kind: 'int' } }] };
    expect(convert(t, { 'a/b': 'x' }).errors).toEqual([{ path: '/a~1b', message: 'expected int, got "x"' }]);
  });

  it('never reads the prototype chain and never sets a prototype', () => {
    const t: RType = { kind: 'object', fields: [{ name: 'constructor', type: { kind: 'optional', inner: { kind: 'string' } } }, { name: '__proto__', type: { kind: 'optional', inner: { kind: 'string' } } }] };
    const { value, errors } = convert(t, JSON.parse('{"__proto__": "x"}'));
    expect(errors).toEqual([]);
    expect(value.constructor).toBeNull();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('x');
  });

  it('never throws, whatever the JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (j) => {
      const errors: RuleProblem[] = [];
      valConvert(Input, j, '', errors);
      expect(errors.length).toBeGreaterThan(0);
    }));
  });
});

describe('valOutput and valTemplate', () => {
  it('renders each type to its JSON output form', () => {
    const { value } = convert(Input, {
      cart: { items: [{ sku: 'A', price: '2.345', qty: 2 }], shipping: 8 }, user: { level: 'vip' },
      at: '2026-11-11T00:30:00+08:00', ttl: 'P1DT2H', rate: '1.50', ok: false,
    });
    expect(valOutput(Input, value, 'half-even')).toEqual({
      cart: { items: [{ sku: 'A', price: '2.34', qty: 2, note: null }], shipping: '8.00' }, user: { level: 'vip' },
      at: '2026-11-10T16:30:00.000Z', ttl: 'P1DT2H', rate: '1.5', ok: false,
    });
  });

  it('inserts output forms into templates, null as nothing', () => {
    const { value } = convert({ kind: 'money' }, 200);
    expect('满' + valTemplate({ kind: 'money' }, value) + '减30').toBe('满200.00减30');
    expect(valTemplate({ kind: 'optional', inner: { kind: 'string' } }, null)).toBe('');
    expect(valTemplate({ kind: 'int' }, 3)).toBe('3');
    expect(valTemplate({ kind: 'list', element: { kind: 'string' } }, ['a', 'b'])).toBe('["a","b"]');
  });
});

describe('valConvert fast and careful paths agree', () => {
  it('accepts exactly the inputs whose every field is valid (property)', () => {
    const field = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: good.map((v) => ({ v, ok: true })), weight: 4 }, { arbitrary: bad.map((v) => ({ v, ok: false })), weight: 1 });
    const item = fc.record({
      sku: field(fc.string(), fc.oneof(fc.integer(), fc.constant(null))),
      price: field(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }).map((c) => c / 100), fc.constantFrom('1.50', '-2', '0.0005')), fc.constantFrom('x', true, [], {}, null, '1.', Infinity)),
      qty: field(fc.integer({ min: -100, max: 100 }), fc.constantFrom(1.5, '2', null, 2 ** 53)),
      note: field(fc.option(fc.string()), fc.constantFrom(1, false)),
    });
    fc.assert(fc.property(fc.array(item, { maxLength: 5 }), fc.boolean(), (items, withUser) => {
      const json = { cart: { items: items.map((it) => ({ sku: it.sku.v, price: it.price.v, qty: it.qty.v, note: it.note.v })) }, user: withUser ? { level: 'vip' } : undefined, at: '2026-01-01T00:00:00Z', ttl: 'PT1M', rate: 1, ok: true };
      const valid = withUser && items.every((it) => it.sku.ok && it.price.ok && it.qty.ok && it.note.ok);
      const { value, errors } = convert(Input, json);
      expect(errors.length === 0).toBe(valid);
      if (valid) expect(value.cart.items.length).toBe(items.length);
    }), { numRuns: 500 });
  });
});

