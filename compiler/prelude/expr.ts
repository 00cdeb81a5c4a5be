// Expression helpers that compiled expressions call, inlined into every executor right after the
// runtime library (compiler/runtime). Like the runtime, this file is concatenable: pure
// functions, unique `cx*` names, imports only for the type checker (the lines are stripped).
import { Dec, decAdd, decCmp, decFromInt, decMul } from '../runtime/decimal.ts';
import { rtEvalError } from '../runtime/errors.ts';
import type { RType } from '../runtime/plan.ts';
import { timeParse } from '../runtime/time.ts';
import { cxCharge } from '../runtime/budget.ts';

/** An int result: beyond ±(2^53-1) it would no longer be exact, so that is an evaluation error. */
export function cxInt(n: number): number {
  if (n > 9007199254740991 || n < -9007199254740991) rtEvalError('integer overflow: the result is beyond ±(2^53-1)');
  return n;
}

/** `a mod b` on ints, truncated like CEL and JavaScript; `mod 0` is an evaluation error, -0 becomes 0. */
export function cxIntMod(a: number, b: number): number {
  if (b === 0) rtEvalError('modulo by zero');
  const r = a % b;
  return r === 0 ? 0 : r;
}

/** `xs[i]`: null when `i` is out of range. */
export function cxAt(xs: any[], i: number): any {
  return Number.isInteger(i) && i >= 0 && i < xs.length ? xs[i] : null;
}

/** `s.size()`: the number of Unicode code points, as CEL counts them. */
export function cxSize(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** An `int?` used where a `decimal?` is expected. */
export function cxIntToDecN(n: number | null | undefined): Dec | null {
  return n == null ? null : decFromInt(n);
}

/** Equality of two runtime values of type `t` (nulls equal only nulls; decimals by value). */
export function cxEqT(t: RType, a: any, b: any): boolean {
  if (a == null || b == null) return a == null && b == null;
  switch (t.kind) {
    case 'optional':
      return cxEqT(t.inner, a, b);
    case 'decimal':
    case 'money':
      return decCmp(a, b) === 0;
    case 'list': {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!cxEqT(t.element, a[i], b[i])) return false;
      return true;
    }
    case 'object':
      for (const f of t.fields) if (!cxEqT(f.type, a[f.name], b[f.name])) return false;
      return true;
    default:
      return a === b;
  }
}

/** `x in xs` for primitive elements: `xs.includes(x)` (SameValueZero: `===`, and NaN finds NaN). */
export function cxIncludes<T>(xs: T[], x: T): boolean {
  // Only NaN differs from itself; ints, timestamps and durations never are NaN, but stay exact.
  if (x !== x) return xs.includes(x);
  for (let i = 0; i < xs.length; i++) if (xs[i] === x) return true;
  return false;
}

/** `x in xs` for elements of type `t` that do not compare with `===`. */
export function cxInT(t: RType, x: any, xs: any[]): boolean {
  for (let i = 0; i < xs.length; i++) if (cxEqT(t, x, xs[i])) return true;
  return false;
}

/** `xs.sum(x, e)` for int `e`. */
export function cxSumInt(xs: any[], f: (x: any) => number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s = cxInt(s + f(xs[i]));
  return s;
}

/** 10^0 .. 10^15, exact doubles (rescaling a safe coefficient in cxSumDecInt). */
const CX_POW10: number[] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `xs.sum(x, a * b)` for a decimal or money `a` and an int `b` that only read the element (the
 * emitter checks; they may be evaluated twice): one exact running coefficient while every product
 * and partial sum stays a safe integer, no `Dec` per element; from the first element that does
 * not fit, `decAdd(acc, decMul(a, b))` as the generic sum does. Same value and scale (the largest
 * scale of the terms, at least 0) as summing `decMul(a, decFromInt(b))` from 0.
 */
export function cxSumDecInt(xs: any[], a: (x: any) => Dec, b: (x: any) => number): Dec {
  const n = xs.length;
  let c = 0;
  let s = 0;
  let i = 0;
  for (; i < n; i++) {
    const x = xs[i];
    const d = a(x);
    const dc = d.c;
    if (typeof dc !== 'number') break;
    let p = dc * b(x);
    if (!(p <= 9007199254740991 && p >= -9007199254740991)) break;
    const ds = d.s;
    if (ds > s) {
      // Rescaling the sum so far keeps its value (c / 10^s); a failed check below leaves it so.
      if (ds - s > 15) break;
      const m = c * CX_POW10[ds - s];
      if (!(m <= 9007199254740991 && m >= -9007199254740991)) break;
      c = m;
      s = ds;
    } else if (ds < s) {
      if (s - ds > 15) break;
      p *= CX_POW10[s - ds];
      if (!(p <= 9007199254740991 && p >= -9007199254740991)) break;
    }
    const r = c + p;
    if (!(r <= 9007199254740991 && r >= -9007199254740991)) break;
    c = r;
  }
  let acc = new Dec(c === 0 ? 0 : c, s);
  for (; i < n; i++) {
    const x = xs[i];
    acc = decAdd(acc, decMul(a(x), decFromInt(b(x))));
  }
  return acc;
}

/** Three-way comparison of numbers (int, timestamp, duration) and of strings (by UTF-16 code units). */
export function cxCmpPrim(a: any, b: any): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `xs.min(x, e)` / `xs.max(x, e)`: the element (when `element`) or the key value with the least
 * (or greatest) key; the earliest on ties; null for an empty list.
 */
export function cxPick(xs: any[], f: (x: any) => any, cmp: (a: any, b: any) => number, max: boolean, element: boolean): any {
  if (xs.length === 0) return null;
  let best = xs[0];
  let bestKey = f(best);
  for (let i = 1; i < xs.length; i++) {
    const k = f(xs[i]);
    const c = cmp(k, bestKey);
    if (max ? c > 0 : c < 0) {
      best = xs[i];
      bestKey = k;
    }
  }
  return element ? best : bestKey;
}

/** `xs.first(x, p)`: the first element for which `p` holds, or null. */
export function cxFirst(xs: any[], p: (x: any) => boolean): any {
  for (let i = 0; i < xs.length; i++) if (p(xs[i])) return xs[i];
  return null;
}

/** `xs.count(x, p)`. */
export function cxCount(xs: any[], p: (x: any) => boolean): number {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (p(xs[i])) n++;
  return n;
}

/** `timestamp(s)` on a computed string: the instant, or an evaluation error when `s` is not ISO 8601. */
export function cxTimestamp(s: string): number {
  const ms = timeParse(s);
  if (ms === null) rtEvalError(`not an ISO 8601 timestamp: ${JSON.stringify(s)}`);
  return ms;
}

/** A rounding mode computed at run time: one of the four, or an evaluation error. */
export function cxMode(mode: string): 'half-up' | 'half-even' | 'down' | 'up' {
  if (mode === 'half-up' || mode === 'half-even' || mode === 'down' || mode === 'up') return mode;
  return rtEvalError(`unknown rounding mode ${JSON.stringify(mode)}`);
}

/** `min(a, b, ...)` / `max(...)` of strings: the least (greatest) by `cxCmpPrim`, the earliest on ties. */
export function cxExtreme(values: any[], max: boolean): any {
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = cxCmpPrim(values[i], best);
    if (max ? c > 0 : c < 0) best = values[i];
  }
  return best;
}
