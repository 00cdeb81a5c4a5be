// Breaking-change detection between input types of one major.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { T, type Field, type Type } from '../dsl/types/type.ts';
import { breakingChanges, breakingParamChanges } from './breaking.ts';
import { storedParams } from './previous-params.ts';

const obj = (fields: Field[]): Type => ({ kind: 'object', fields });
const base: Field[] = [
  { name: 'cart', type: obj([{ name: 'total', type: T.money }, { name: 'items', type: T.list(obj([{ name: 'sku', type: T.string }])) }]) },
  { name: 'user', type: obj([{ name: 'level', type: { kind: 'enum', values: ['normal', 'vip'] } }]) },
];

describe('breakingChanges', () => {
  it('accepts the same type and widenings', () => {
    expect(breakingChanges(base, base)).toEqual([]);
    const widened: Field[] = [
      base[0]!,
      { name: 'user', type: obj([{ name: 'level', type: T.optional({ kind: 'enum', values: ['normal', 'vip', 'svip'] }) }]) },
      { name: 'coupon', type: T.optional(T.string) },
    ];
    expect(breakingChanges(base, widened)).toEqual([]);
  });

  it('reports a removed field, a retyped field, a narrowed enum and a new required field', () => {
    const changed: Field[] = [
      { name: 'cart', type: obj([{ name: 'total', type: T.decimal }, { name: 'items', type: T.list(obj([])) }]) },
      { name: 'user', type: obj([{ name: 'level', type: { kind: 'enum', values: ['vip'] } }]) },
      { name: 'channel', type: T.string },
    ];
    expect(breakingChanges(base, changed)).toEqual([
      { path: '/cart/total', message: 'retyped from money to decimal' },
      { path: '/cart/items/*/sku', message: 'removed' },
      { path: '/user/level', message: 'enum lost normal' },
      { path: '/channel', message: 'new required field of type string' },
    ]);
    expect(breakingChanges([{ name: 'a', type: T.optional(T.int) }], [{ name: 'a', type: T.int }])).toEqual([
      { path: '/a', message: 'became required (int? -> int)' },
    ]);
  });

  it('never reports a change from a type to itself (property)', () => {
    const prim = fc.constantFrom<Type>(T.bool, T.int, T.decimal, T.money, T.string, T.timestamp, T.duration);
    const typ: fc.Arbitrary<Type> = fc.letrec<{ t: Type }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        prim,
        tie('t').map((e) => T.list(e)),
        tie('t').map((e) => T.optional(e)),
        fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), tie('t')), { selector: (x) => x[0], maxLength: 3 }).map((fs) => obj(fs.map(([name, type]) => ({ name, type })))),
      ),
    })).t;
    // Field names are unique in a checked type (the checker refuses duplicates), so the generator keeps them unique too.
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), typ), { selector: (x) => x[0], maxLength: 4 }), (pairs) => {
      const fields = pairs.map(([name, type]) => ({ name, type }));
      expect(breakingChanges(fields, fields)).toEqual([]);
    }));
  });

  it('params: removed, retyped or narrowed is breaking at /params/<name>; a new param is not', () => {
    const old = [{ name: 'bonus', type: T.money }, { name: 'mode', type: { kind: 'enum', values: ['a', 'b'] } as Type }, { name: 'note', type: T.optional(T.string) }, { name: 'gone', type: T.int }];
    expect(breakingParamChanges(old, [
      { name: 'bonus', type: T.decimal },
      { name: 'mode', type: { kind: 'enum', values: ['a'] } },
      { name: 'note', type: T.string },
      { name: 'fresh', type: T.int },
    ])).toEqual([
      { path: '/params/bonus', message: 'retyped from money to decimal' },
      { path: '/params/mode', message: 'enum lost b' },
      { path: '/params/note', message: 'became required (string? -> string)' },
      { path: '/params/gone', message: 'removed' },
    ]);
    expect(breakingParamChanges(old, [...old, { name: 'fresh', type: T.int }])).toEqual([]);
    // Names only (a stored source that no longer checks): only removals can be seen.
    expect(breakingParamChanges([{ name: 'bonus' }], [{ name: 'bonus', type: T.int }])).toEqual([]);
    expect(breakingParamChanges([{ name: 'bonus' }], [])).toEqual([{ path: '/params/bonus', message: 'removed' }]);
  });

  it("reads a stored version's params from its source, or their names from its params schema", () => {
    const source = 'apiVersion: rulemart/v1\nkind: Promotion\nmetadata: { name: pp, version: 1.2.0 }\ninput:\n  cart: { items: "list<{ sku: string, price: money, qty: int }>" }\nparams:\n  bonus: money = 1\nspec:\n  rules:\n    - when: true\n      then: { orderDiscount: bonus }\n';
    expect(storedParams({ sku: 'promo:pp:v1', version: '1.2.0', source, paramsSchema: '{}' })).toEqual([{ name: 'bonus', type: T.money }]);
    // An old row whose source begins with its `---` line (before QA F19) still reads.
    expect(storedParams({ sku: 'promo:pp:v1', version: '1.2.0', source: `---\n${source}`, paramsSchema: '{}' })).toEqual([{ name: 'bonus', type: T.money }]);
    expect(storedParams({ sku: 'promo:pp:v1', version: '1.2.0', source: 'not: [a rule', paramsSchema: JSON.stringify({ properties: { bonus: {}, x: {} } }) })).toEqual([{ name: 'bonus' }, { name: 'x' }]);
  });
});
