// Test support: fast-check generators of random typed expressions over a fixed input type, and
// of random inputs for it, for the differential property (compiled == interpreted).
import fc from 'fast-check';
import type { Expr } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Field, Type } from '../../dsl/types/type.ts';
import { E, Item, cartInput, cartItems } from './ast.ts';

/** The input of generated documents: the sample cart plus `v`, a bag of scalars. */
export const V: Type = {
  kind: 'object',
  fields: [
    { name: 'a', type: T.int },
    { name: 'b', type: T.int },
    { name: 'x', type: T.decimal },
    { name: 'y', type: T.decimal },
    { name: 'm', type: T.money },
    { name: 's', type: T.string },
    { name: 'flag', type: T.bool },
    { name: 'o', type: T.optional(T.int) },
    { name: 'od', type: T.optional(T.decimal) },
  ],
};
export const genInput: Field[] = [...cartInput, { name: 'v', type: V }];

const vField = (name: string, type: Type): Expr => E.member(E.ident('v', 'input', V), name, type);
const item = (n: number): Expr => E.ident(`it${n}`, 'var', Item);

export type Kind = 'int' | 'decimal' | 'money' | 'bool' | 'string';
const typeOfKind: Record<Kind, Type> = { int: T.int, decimal: T.decimal, money: T.money, bool: T.bool, string: T.string };

/** Leading minus signs the parser folds into a literal (`-2.5`, `--2`). */
const signs = fc.constantFrom('-', '--', '---');
const decText = fc
  .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([c, s]) => (s === 0 ? String(c) : `${Math.floor(c / 10 ** s)}.${String(c % 10 ** s).padStart(s, '0')}`));

const memo = new Map<string, fc.Arbitrary<Expr>>();

/**
 * A random expression of static type `kind`, at most `depth` levels deep (arbitraries built once).
 * With `withItem`, leaves may also read the fields of the Selection variable `p` (an Item).
 */
export function arbExpr(kind: Kind, depth: number, withItem = false): fc.Arbitrary<Expr> {
  const key = `${kind}:${depth}:${withItem}`;
  let a = memo.get(key);
  if (!a) {
    a = buildExpr(kind, depth, withItem);
    memo.set(key, a);
  }
  return a;
}

/** The Selection variable of generated Selection documents. */
export const itemVar = (): Expr => E.ident('p', 'var', Item);

function itemLeaves(kind: Kind): fc.Arbitrary<Expr> | null {
  switch (kind) {
    case 'int':
      return fc.constant(E.member(itemVar(), 'qty', T.int));
    case 'money':
      return fc.constant(E.member(itemVar(), 'price', T.money));
    case 'string':
      return fc.constantFrom(E.member(itemVar(), 'sku', T.string), E.member(itemVar(), 'category', T.string));
    default:
      return null;
  }
}

function buildExpr(kind: Kind, depth: number, withItem: boolean): fc.Arbitrary<Expr> {
  const own = withItem ? itemLeaves(kind) : null;
  const leaf = own ? fc.oneof(leaves(kind), own) : leaves(kind);
  if (depth <= 0) return leaf;
  const sub = (k: Kind) => arbExpr(k, depth - 1, withItem);
  const type = typeOfKind[kind];
  const cond = fc.tuple(sub('bool'), sub(kind), sub(kind)).map(([c, a, b]) => E.cond(c, a, b, type));
  switch (kind) {
    case 'int':
      return fc.oneof(
        { weight: 3, arbitrary: leaf },
        fc.tuple(fc.constantFrom('+', '-', '*', 'mod' as const), sub('int'), sub('int')).map(([op, a, b]) => E.bin(op, a, b, T.int)),
        cond,
        sub('int').map((a) => E.call('abs', [a], T.int)),
        fc.tuple(sub('int'), sub('int')).map(([a, b]) => E.call('max', [a, b], T.int)),
        fc.tuple(fc.constantFrom('round', 'floor', 'ceil'), sub('decimal')).map(([f, a]) => E.call(f, [a], T.int)),
        sub('bool').map((p) => E.macro(cartItems(), 'count', 'it0', p, T.int)),
        fc.constant(E.macro(cartItems(), 'sum', 'it1', E.member(item(1), 'qty', T.int), T.int)),
      );
    case 'decimal':
      return fc.oneof(
        { weight: 3, arbitrary: leaf },
        fc.tuple(fc.constantFrom('+', '-', '*', '/', 'mod' as const), sub('decimal'), fc.oneof(sub('decimal'), sub('int'))).map(([op, a, b]) => E.bin(op, a, b, T.decimal)),
        fc.tuple(sub('int'), sub('int')).map(([a, b]) => E.bin('/', a, b, T.decimal)),
        cond,
        sub('decimal').map((a) => E.unary('-', a, T.decimal)),
        sub('decimal').map((a) => E.call('abs', [a], T.decimal)),
        fc.tuple(sub('decimal'), sub('int'), sub('decimal')).map(([a, b, c]) => E.call('min', [a, b, c], T.decimal)),
        fc.tuple(sub('decimal'), fc.integer({ min: 0, max: 4 }), fc.constantFrom('half-up', 'half-even', 'down', 'up')).map(([a, d, m]) =>
          E.call('round', [a, E.int(d), E.str(m)], T.decimal),
        ),
        fc.tuple(sub('money'), sub('money')).map(([a, b]) => E.bin('/', a, b, T.decimal)),
      );
    case 'money':
      return fc.oneof(
        { weight: 3, arbitrary: leaf },
        fc.tuple(fc.constantFrom('+', '-' as const), sub('money'), fc.oneof(sub('money'), sub('int'))).map(([op, a, b]) => E.bin(op, a, b, T.money)),
        fc.tuple(sub('money'), fc.oneof(sub('decimal'), sub('int'))).map(([a, b]) => E.bin('*', a, b, T.money)),
        cond,
        sub('money').map((a) => E.call('round', [a], T.money)),
        fc.tuple(sub('money'), sub('int')).map(([a, b]) => E.call('max', [a, b], T.money)),
        fc.constant(E.macro(cartItems(), 'sum', 'it2', E.bin('*', E.member(item(2), 'price', T.money), E.member(item(2), 'qty', T.int), T.money), T.money)),
        sub('int').map((d) => E.bin('??', E.macro(cartItems(), 'min', 'it3', E.member(item(3), 'price', T.money), T.optional(T.money)), d, T.money)),
      );
    case 'bool':
      return fc.oneof(
        { weight: 2, arbitrary: leaf },
        fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!=' as const), fc.constantFrom<Kind>('int', 'decimal', 'money'), fc.constantFrom<Kind>('int', 'decimal', 'money')).chain(
          ([op, k1, k2]) => fc.tuple(sub(k1), sub(k2)).map(([a, b]) => E.bin(op, a, b, T.bool)),
        ),
        fc.tuple(fc.constantFrom('==', '!=' as const), sub('string'), sub('string')).map(([op, a, b]) => E.bin(op, a, b, T.bool)),
        fc.tuple(fc.constantFrom('and', 'or' as const), sub('bool'), sub('bool')).map(([op, a, b]) => E.bin(op, a, b, T.bool)),
        sub('bool').map((a) => E.unary('not', a, T.bool)),
        sub('string').map((s) => E.bin('in', s, E.list([E.str('a'), E.str('bags')], T.string), T.bool)),
        sub('decimal').map((x) => E.bin('notin', x, E.list([E.int(1), E.dec('2.5')], T.decimal), T.bool)),
        sub('bool').map((p) => E.macro(cartItems(), 'any', 'it4', p, T.bool)),
        fc.constant(E.macro(cartItems(), 'all', 'it5', E.bin('>', E.member(item(5), 'qty', T.int), E.int(1), T.bool), T.bool)),
        fc.constant(E.bin('==', vField('o', T.optional(T.int)), E.nul(), T.bool)),
        fc.tuple(sub('decimal')).map(([x]) => E.bin('==', vField('od', T.optional(T.decimal)), x, T.bool)),
      );
    case 'string':
      return fc.oneof(
        { weight: 2, arbitrary: leaf },
        fc.tuple(sub('string'), sub('string')).map(([a, b]) => E.bin('+', a, b, T.string)),
        fc.tuple(fc.constantFrom('lower', 'upper'), sub('string')).map(([m, a]) => E.method(a, m, [], T.string)),
        cond,
      );
  }
}

function leaves(kind: Kind): fc.Arbitrary<Expr> {
  switch (kind) {
    case 'int':
      return fc.oneof(
        fc.integer({ min: -20, max: 1000 }).map((n) => E.int(n)),
        fc.tuple(signs, fc.integer({ min: 0, max: 1000 })).map(([m, n]) => E.signed(`${m}${n}`, T.int)),
        fc.constant(vField('a', T.int)),
        fc.constant(vField('b', T.int)),
        fc.constant(E.method(cartItems(), 'size', [], T.int)),
        fc.integer({ min: 0, max: 9 }).map((n) => E.bin('??', vField('o', T.optional(T.int)), E.int(n), T.int)),
      );
    case 'decimal':
      return fc.oneof(
        decText.map((t) => E.dec(t)),
        fc.tuple(signs, decText).map(([m, t]) => E.signed(`${m}${t}`)),
        fc.integer({ min: 0, max: 200 }).map((n) => E.pct(String(n))),
        fc.constant(vField('x', T.decimal)),
        fc.constant(vField('y', T.decimal)),
        decText.map((t) => E.bin('??', vField('od', T.optional(T.decimal)), E.dec(t), T.decimal)),
      );
    case 'money':
      return fc.oneof(
        decText.map((t) => E.dec(t, T.money)),
        fc.tuple(signs, decText).map(([m, t]) => E.signed(`${m}${t}`, T.money)),
        fc.constant(vField('m', T.money)),
        fc.constant(E.ident('subtotal', 'subtotal', T.money)),
      );
    case 'bool':
      return fc.oneof(fc.boolean().map((b) => E.bool(b)), fc.constant(vField('flag', T.bool)));
    case 'string':
      return fc.oneof(fc.constantFrom('a', 'bags', 'Ü', '').map((s) => E.str(s)), fc.constant(vField('s', T.string)));
  }
}

/** A random expression of a random kind. */
export const arbAnyExpr = (depth: number): fc.Arbitrary<Expr> =>
  fc.constantFrom<Kind>('int', 'decimal', 'money', 'bool', 'string').chain((k) => arbExpr(k, depth));

const arbDecInput = fc.oneof(
  decText,
  decText.map((t) => `-${t}`),
  fc.integer({ min: -10_000, max: 10_000 }),
);

/** A random input for `genInput`. */
export const arbInput = fc.record({
  cart: fc.record({
    items: fc.array(
      fc.record({
        sku: fc.constantFrom('A', 'B', 'C'),
        category: fc.constantFrom('shoes', 'bags'),
        price: fc.oneof(decText, fc.integer({ min: 0, max: 500 })),
        qty: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 4 },
    ),
    shipping: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  }),
  user: fc.record({ id: fc.constantFrom('u-1', 'u-2'), level: fc.constantFrom('normal', 'vip', 'svip') }),
  v: fc.record({
    a: fc.integer({ min: -50, max: 50 }),
    b: fc.integer({ min: -50, max: 50 }),
    x: arbDecInput,
    y: arbDecInput,
    m: arbDecInput,
    s: fc.constantFrom('a', 'bags', 'Ü', ''),
    flag: fc.boolean(),
    o: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
    od: fc.option(arbDecInput, { nil: null }),
  }),
});
