// Expression semantics, checked on both the compiled code and the reference evaluator: each case
// is a typed expression over the sample cart and its value in output form.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { E, Item, cartInput, cartItems } from '../testing/ast.ts';
import { evalCompiled, evalInterpreted } from '../testing/harness.ts';

const v = (name: string, type: Type = Item): Expr => E.ident(name, 'var', type);
const subtotal = E.ident('subtotal', 'subtotal', T.money);
const user = E.ident('user', 'input', cartInput[1]!.type);
const level = E.member(user, 'level', { kind: 'enum', values: ['normal', 'vip', 'svip'] });
const shipping = E.member(E.ident('cart', 'input', cartInput[0]!.type), 'shipping', T.optional(T.money));
const now = E.ident('now', 'now', T.timestamp);

const cases: [string, Expr, unknown][] = [
  ['int + int', E.bin('+', E.int(2), E.int(3), T.int), 5],
  ['int / int is decimal', E.bin('/', E.int(7), E.int(2), T.decimal), '3.5'],
  ['1 / 3 rounds half-even to 12 digits', E.bin('/', E.int(1), E.int(3), T.decimal), '0.333333333333'],
  ['2 / 3', E.bin('/', E.int(2), E.int(3), T.decimal), '0.666666666667'],
  ['int mod, sign of the dividend', E.bin('mod', E.int(-7), E.int(3), T.int), -1],
  ['decimal + int', E.bin('+', E.dec('0.1'), E.int(2), T.decimal), '2.1'],
  ['0.1 + 0.2 is exact', E.bin('+', E.dec('0.1'), E.dec('0.2'), T.decimal), '0.3'],
  ['money * decimal', E.bin('*', subtotal, E.pct('15'), T.money), '69.00'],
  ['percent literal', E.pct('12.5'), '0.125'],
  ['money / money is decimal', E.bin('/', subtotal, E.dec('200', T.money), T.decimal), '2.3'],
  ['unary minus on decimal', E.unary('-', E.dec('1.50'), T.decimal), '-1.5'],
  ['unary minus on int', E.unary('-', E.unary('-', E.int(4), T.int), T.int), 4],
  ['compare money with int', E.bin('>=', subtotal, E.int(460), T.bool), true],
  ['compare money with decimal', E.bin('<', subtotal, E.dec('460.01'), T.bool), true],
  ['money == int', E.bin('==', subtotal, E.int(460), T.bool), true],
  ['enum == string', E.bin('==', level, E.str('vip'), T.bool), true],
  ['string in list', E.bin('in', E.str('b'), E.list([E.str('a'), E.str('b')], T.string), T.bool), true],
  ['decimal in list of ints', E.bin('in', E.dec('2.0'), E.list([E.int(1), E.int(2)], T.int), T.bool), true],
  ['not in', E.bin('notin', E.int(3), E.list([E.int(1), E.int(2)], T.int), T.bool), true],
  ['optional money ?? int', E.bin('??', shipping, E.int(0), T.money), '12.00'],
  ['optional == null', E.bin('==', shipping, E.nul(), T.bool), false],
  ['and short-circuits', E.bin('and', E.bool(false), E.bin('==', E.bin('/', E.int(1), E.int(0), T.decimal), E.int(1), T.bool), T.bool), false],
  ['or short-circuits', E.bin('or', E.bool(true), E.bin('==', E.bin('/', E.int(1), E.int(0), T.decimal), E.int(1), T.bool), T.bool), true],
  ['conditional converts int branch', E.cond(E.bool(true), E.int(5), E.dec('2.5'), T.decimal), '5'],
  ['string +', E.bin('+', E.str('a'), E.str('b'), T.string), 'ab'],
  ['filter + size', E.method(E.macro(cartItems(), 'filter', 'i', E.bin('>', E.member(v('i'), 'qty', T.int), E.int(1), T.bool), T.list(Item)), 'size', [], T.int), 1],
  ['map', E.macro(cartItems(), 'map', 'i', E.member(v('i'), 'sku', T.string), T.list(T.string)), ['A', 'B']],
  ['any', E.macro(cartItems(), 'any', 'i', E.bin('==', E.member(v('i'), 'category', T.string), E.str('bags'), T.bool), T.bool), true],
  ['all', E.macro(cartItems(), 'all', 'i', E.bin('>', E.member(v('i'), 'qty', T.int), E.int(1), T.bool), T.bool), false],
  ['count', E.macro(cartItems(), 'count', 'i', E.bool(true), T.int), 2],
  ['sum of money', E.macro(cartItems(), 'sum', 'i', E.bin('*', E.member(v('i'), 'price', T.money), E.member(v('i'), 'qty', T.int), T.money), T.money), '460.00'],
  ['sum of int * money (operands swapped)', E.macro(cartItems(), 'sum', 'i', E.bin('*', E.member(v('i'), 'qty', T.int), E.member(v('i'), 'price', T.money), T.money), T.money), '460.00'],
  ['sum of money * a literal int (generic path)', E.macro(cartItems(), 'sum', 'i', E.bin('*', E.member(v('i'), 'price', T.money), E.int(2), T.money), T.money), '520.00'],
  ['sum of ints', E.macro(cartItems(), 'sum', 'i', E.member(v('i'), 'qty', T.int), T.int), 3],
  ['min of a key', E.macro(cartItems(), 'min', 'i', E.member(v('i'), 'price', T.money), T.optional(T.money)), '60.00'],
  ['max element', E.member(E.bin('??', E.macro(cartItems(), 'max', 'i', E.member(v('i'), 'price', T.money), T.optional(Item)), E.index(cartItems(), E.int(0), T.optional(Item)), Item), 'sku', T.string), 'A'],
  ['first', E.member(E.bin('??', E.macro(cartItems(), 'first', 'i', E.bin('==', E.member(v('i'), 'sku', T.string), E.str('B'), T.bool), T.optional(Item)), E.index(cartItems(), E.int(0), T.optional(Item)), Item), 'sku', T.string), 'B'],
  ['nested macros bind their own variables', E.macro(cartItems(), 'count', 'i', E.macro(cartItems(), 'any', 'j', E.bin('>', E.member(v('j'), 'price', T.money), E.member(v('i'), 'price', T.money), T.bool), T.bool), T.int), 1],
  ['index out of range is null', E.index(E.list([E.int(1)], T.int), E.int(5), T.optional(T.int)), null],
  ['index', E.index(E.list([E.int(1), E.int(7)], T.int), E.int(1), T.optional(T.int)), 7],
  ['round money to cents', E.call('round', [E.dec('2.345', T.money)], T.money), '2.35'],
  ['round half-even', E.call('round', [E.dec('2.5'), E.int(0), E.str('half-even')], T.decimal), '2'],
  ['round decimal to int', E.call('round', [E.dec('2.5')], T.int), 3],
  ['floor decimal', E.call('floor', [E.dec('-2.5')], T.int), -3],
  ['ceil money', E.call('ceil', [E.dec('2.01', T.money)], T.money), '3.00'],
  ['abs decimal', E.call('abs', [E.dec('-0.5')], T.decimal), '0.5'],
  ['abs int', E.call('abs', [E.int(-3)], T.int), 3],
  ['min mixed to decimal', E.call('min', [E.int(3), E.dec('2.5'), E.int(7)], T.decimal), '2.5'],
  ['min of strings', E.call('min', [E.str('pear'), E.str('apple'), E.str('fig')], T.string), 'apple'],
  ['max of timestamps', E.call('max', [now, E.ts('2030-01-01T00:00:00Z')], T.timestamp), '2030-01-01T00:00:00.000Z'],
  ['abs of a duration', E.call('abs', [E.bin('-', E.ts('2026-11-11T00:00:00Z'), now, T.duration)], T.duration), 'PT30M'],
  ['mod on decimals', E.bin('mod', E.dec('7.5'), E.int(2), T.decimal), '1.5'],
  ['max of ints', E.call('max', [E.int(3), E.int(9), E.int(7)], T.int), 9],
  ['hour of now (UTC)', E.call('hour', [now], T.int), 0],
  ['weekday of now', E.call('weekday', [now], T.int), 3],
  ['date of now', E.call('date', [now], T.string), '2026-11-11'],
  ['timestamp + duration', E.bin('+', E.ts('2026-11-11T00:00:00Z'), E.dur(90_000), T.timestamp), '2026-11-11T00:01:30.000Z'],
  ['timestamp - timestamp', E.bin('-', now, E.ts('2026-11-11T00:00:00Z'), T.duration), 'PT30M'],
  ['string size counts code points', E.method(E.str('满😀'), 'size', [], T.int), 2],
  ['lower/upper', E.bin('+', E.method(E.str('AbC'), 'lower', [], T.string), E.method(E.str('x'), 'upper', [], T.string), T.string), 'abcX'],
  ['startsWith/endsWith/contains', E.bin('and', E.method(E.str('hello'), 'startsWith', [E.str('he')], T.bool), E.bin('and', E.method(E.str('hello'), 'endsWith', [E.str('lo')], T.bool), E.method(E.str('hello'), 'contains', [E.str('ell')], T.bool), T.bool), T.bool), true],
  ['list of ints as decimals', E.list([E.int(1), E.dec('2.5')], T.decimal), ['1', '2.5']],
  // Negative literals as the parser gives them: the minus signs folded into the literal's text.
  ['signed decimal literal', E.signed('-2.5'), '-2.5'],
  ['signed int literal', E.signed('-1', T.int), -1],
  ['signed money literal compares', E.bin('>', subtotal, E.signed('-1', T.money), T.bool), true],
  ['double minus folds to positive', E.signed('--2', T.int), 2],
  ['minus zero is zero', E.signed('-0', T.int), 0],
  ['minus zero decimal is zero', E.signed('-0.00'), '0'],
  ['round of a signed literal', E.call('round', [E.signed('-2.5')], T.int), -3],
  ['int times a signed literal', E.bin('*', E.int(2), E.signed('-1', T.int), T.int), -2],
  ['list equality', E.bin('==', E.list([E.int(1), E.int(2)], T.int), E.list([E.int(1), E.int(2)], T.int), T.bool), true],
];

describe('expressions', () => {
  for (const [name, expr, expected] of cases) {
    it(name, () => {
      expect(evalCompiled(expr)).toEqual(expected);
      expect(evalInterpreted(expr)).toEqual(expected);
    });
  }

  it('division by zero is an evaluation error in both', () => {
    const expr = E.bin('/', E.int(1), E.int(0), T.decimal);
    expect(() => evalCompiled(expr)).toThrow(/evaluation-error/);
    expect(() => evalInterpreted(expr)).toThrow(/evaluation-error/);
  });

  it('int overflow beyond 2^53-1 is an evaluation error in both', () => {
    const big = E.bin('*', E.int(9007199254740991), E.int(2), T.int);
    expect(() => evalCompiled(big)).toThrow(/evaluation-error: integer overflow/);
    expect(() => evalInterpreted(big)).toThrow(/evaluation-error: integer overflow/);
    expect(evalCompiled(E.bin('-', E.int(9007199254740991), E.int(1), T.int))).toBe(9007199254740990);
  });

  it('int mod zero is an evaluation error in both', () => {
    const expr = E.bin('mod', E.int(1), E.int(0), T.int);
    expect(() => evalCompiled(expr)).toThrow(/evaluation-error: modulo by zero/);
    expect(() => evalInterpreted(expr)).toThrow(/evaluation-error: modulo by zero/);
  });
});
