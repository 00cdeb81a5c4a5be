// Small questions about static types that both the emitter and the reference evaluator ask,
// so that compiled code and interpreted code take the same decisions from the same types.
import type { Expr } from '../dsl/ast.ts';
import type { Type } from '../dsl/types/type.ts';

/** Thrown when a checked document contains something the back end cannot translate (a front-end bug). */
export class CompileError extends Error {
  constructor(message: string, readonly span?: { start: number; end: number }) {
    super(message);
    this.name = 'CompileError';
  }
}

/** The type of an expression, which the checker must have set. */
export function typeOf(e: Expr): Type {
  if (!e.type) throw new CompileError(`expression of kind ${e.kind} has no type (was the document checked?)`, e.span);
  return e.type;
}

/** The type without its `?`. */
export function unwrap(t: Type): Type {
  return t.kind === 'optional' ? t.inner : t;
}

/** Whether values of `t` can hold a list (a list, or an object or optional with one inside). */
export function holdsList(t: Type): boolean {
  if (t.kind === 'list') return true;
  if (t.kind === 'optional') return holdsList(t.inner);
  if (t.kind === 'object') return t.fields.some((f) => holdsList(f.type));
  return false;
}

export function isOptional(t: Type): boolean {
  return t.kind === 'optional' || t.kind === 'null';
}

/** decimal and money: represented at run time by the runtime's `Dec`. */
export function isDecKind(t: Type): boolean {
  const u = unwrap(t);
  return u.kind === 'decimal' || u.kind === 'money';
}

/** Types represented at run time by a JavaScript number: int, timestamp, duration. */
export function isJsNumberKind(t: Type): boolean {
  const u = unwrap(t);
  return u.kind === 'int' || u.kind === 'timestamp' || u.kind === 'duration';
}

/** Types whose runtime values compare with `===` (numbers, strings, enums, bools). */
export function isPrimitiveKind(t: Type): boolean {
  const u = unwrap(t);
  return ['int', 'timestamp', 'duration', 'string', 'enum', 'bool'].includes(u.kind);
}

/** How a value of type `from` must be converted to be used as a `to`: only int -> decimal/money changes representation. */
export type Conversion = 'none' | 'int-to-dec' | 'int-to-dec-nullable' | 'list-int-to-dec';

export function conversion(from: Type, to: Type): Conversion {
  const f = unwrap(from);
  const t = unwrap(to);
  if (f.kind === 'int' && (t.kind === 'decimal' || t.kind === 'money')) {
    return from.kind === 'optional' ? 'int-to-dec-nullable' : 'int-to-dec';
  }
  if (f.kind === 'list' && t.kind === 'list' && unwrap(f.element).kind === 'int' && isDecKind(t.element)) return 'list-int-to-dec';
  return 'none';
}

/** The common numeric type of two operands of an arithmetic or comparison: int, decimal or money. */
export function numericJoin(a: Type, b: Type): 'int' | 'decimal' | 'money' | null {
  const x = unwrap(a).kind;
  const y = unwrap(b).kind;
  const num = (k: string) => k === 'int' || k === 'decimal' || k === 'money';
  if (!num(x) || !num(y)) return null;
  if (x === 'int' && y === 'int') return 'int';
  if (x === 'money' || y === 'money') return 'money';
  return 'decimal';
}

/** Structural equality of two types (used to tell what a macro returns). */
export function sameType(a: Type, b: Type): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The decimal text of `digits%`: the digits with the decimal point moved two places left. */
export function percentToDecimalText(text: string): string {
  const m = /^([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (!m) throw new CompileError(`bad percent literal ${JSON.stringify(text)}`);
  const intPart = (m[1] || '0').replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? '';
  const padded = intPart.padStart(3, '0');
  return `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}${frac}`;
}

/**
 * The canonical text of a number literal. The parser folds unary minus signs into the literal
 * (`-2.5`, `--2`, `-(2)` stays unary), so the text may carry any number of leading `-`: an odd count is
 * negative, and a zero is never negative (`-0` is `0`). Null when the rest is not unsigned digits.
 * @example literalText('--2') === '2'; literalText('-2.50') === '-2.50'; literalText('-0') === '0'
 */
export function literalText(text: string): string | null {
  const m = /^(-*)([0-9]+(?:\.[0-9]+)?|[0-9]*\.[0-9]+)$/.exec(text);
  if (!m) return null;
  const negative = m[1]!.length % 2 === 1 && /[1-9]/.test(m[2]!);
  return (negative ? '-' : '') + m[2]!;
}
