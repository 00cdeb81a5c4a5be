// Exact base-10 numbers for `decimal` and `money` (SPEC section 2). Never binary floating point:
// a value is an integer coefficient and a scale (value = c / 10^s). The coefficient is a JS
// number while it is a safe integer (the fast path: integer arithmetic on doubles is exact
// below 2^53) and a BigInt beyond, so results are exact at any size.
import { rtEvalError } from './errors.ts';

/**
 * An exact decimal: `c / 10^s`, `s >= 0`. Invariant: `c` is a number when it is a safe integer,
 * a bigint only beyond ±(2^53-1). Values are immutable; the scale is not normalised (1.50 has
 * c=150, s=2), so compare with `decCmp`/`decEq`, never by fields.
 */
export class Dec {
  readonly c: number | bigint;
  readonly s: number;
  constructor(c: number | bigint, s: number) {
    this.c = c;
    this.s = s;
  }
}

/** Rounding modes: `half-up` rounds .5 away from zero, `half-even` to the even neighbour,
 * `down` toward zero, `up` away from zero; `floor`/`ceiling` toward -inf/+inf. */
export type DecMode = 'half-up' | 'half-even' | 'down' | 'up' | 'floor' | 'ceiling';

const DEC_MAX = 9007199254740991;
/** Largest text we accept: more digits or scale than this is refused (guards against `1e999999999`). */
const DEC_LIMIT = 1000;
const DEC_POW10: number[] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DEC_POW10N: bigint[] = [];
const DEC_RE = /^([+-]?)(\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const DEC_ZERO = new Dec(0, 0);
/** The Decs of 0..255, shared by decFromInt. */
const DEC_SMALL_INTS: Dec[] = Array.from({ length: 256 }, (_, i) => new Dec(i, 0));
const DEC_ONE = new Dec(1, 0);

/** 10^k as a bigint (cached). */
function decPow10n(k: number): bigint {
  let p = DEC_POW10N[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (k < 256) DEC_POW10N[k] = p;
  }
  return p;
}

/** Builds a Dec from a bigint coefficient, demoting it to a number when it is safe. */
function decMk(c: bigint, s: number): Dec {
  if (c <= 9007199254740991n && c >= -9007199254740991n) return new Dec(Number(c), s);
  return new Dec(c, s);
}

function decBig(c: number | bigint): bigint {
  return typeof c === 'bigint' ? c : BigInt(c);
}

/** Parses a numeric string: optional sign, digits, optional fraction, optional exponent. Null when it is not one. */
export function decParse(text: string): Dec | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > DEC_LIMIT + 20) return null;
  if (text.length <= 16) {
    const fast = decParseShort(text);
    if (fast !== null) return fast;
  }
  return decParseFull(text);
}

/** The hot path for prices: `[-]digits[.digits]` with at most 15 digits, by hand, no regex. */
function decParseShort(text: string): Dec | null {
  let i = 0;
  let neg = false;
  const n = text.length;
  if (text.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let c = 0;
  let digits = 0;
  let s = -1;
  for (; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      c = c * 10 + (ch - 48);
      digits++;
      if (s >= 0) s++;
    } else if (ch === 46 && s < 0 && digits > 0) s = 0;
    else return null;
  }
  if (digits === 0 || digits > 15 || s === 0) return null;
  return new Dec(neg && c !== 0 ? -c : c, s < 0 ? 0 : s);
}

function decParseFull(text: string): Dec | null {
  const m = DEC_RE.exec(text);
  if (m === null) return null;
  const int = m[2];
  const frac = m[3] ?? '';
  if (int.length === 0 && frac.length === 0) return null;
  let exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isFinite(exp) || Math.abs(exp) > DEC_LIMIT * 2) return null;
  let digits = (int + frac).replace(/^0+/, '');
  exp -= frac.length;
  if (digits.length === 0) return DEC_ZERO;
  if (exp > 0) {
    if (digits.length + exp > DEC_LIMIT) return null;
    digits += '0'.repeat(exp);
    exp = 0;
  }
  const s = -exp;
  if (s > DEC_LIMIT) return null;
  const neg = m[1] === '-';
  if (digits.length <= 15) {
    const n = Number(digits);
    return new Dec(neg ? -n : n, s);
  }
  const b = BigInt(digits);
  return decMk(neg ? -b : b, s);
}

/** The decimal of a safe integer. */
export function decFromInt(n: number): Dec {
  // Quantities are small integers: one shared (immutable) Dec each instead of one per use.
  if (n >= 0 && n < 256 && (n | 0) === n) return DEC_SMALL_INTS[n];
  if (Number.isSafeInteger(n)) return new Dec(n === 0 ? 0 : n, 0);
  return decFromNumber(n);
}

/** The exact decimal of a JSON number's shortest round-trip text (`String(n)`, so 0.1 is 0.1 and 1e-7 is 0.0000001). */
export function decFromNumber(n: number): Dec {
  if (Number.isSafeInteger(n)) return new Dec(n === 0 ? 0 : n, 0);
  // Fast path without text: a candidate x / 10^s with fewer than 15 digits that maps back to
  // exactly n is the only such decimal (doubles are finer than 15 digits), hence String(n).
  if (n > -1e13 && n < 1e13) {
    // Prices mostly have 2 fraction digits: try cents first. A match whose last digit is 0 is the
    // 1-digit decimal (x / 10 at scale 1 maps back to n too), as the loop below would find it;
    // no match at 2 digits means none at 1 digit either.
    const x2 = Math.round(n * 100);
    if (x2 / 100 === n) {
      const x1 = x2 / 10;
      return Number.isInteger(x1) ? new Dec(x1 === 0 ? 0 : x1, 1) : new Dec(x2 === 0 ? 0 : x2, 2);
    }
    for (let s = 3; s <= 8; s++) {
      const p = DEC_POW10[s];
      const x = Math.round(n * p);
      if (x / p === n && x > -1e15 && x < 1e15) return new Dec(x === 0 ? 0 : x, s);
    }
  }
  const d = Number.isFinite(n) ? decParse(String(n)) : null;
  if (d === null) return rtEvalError(`not a finite number: ${String(n)}`);
  return d;
}

/** A Dec from an int (number) or a Dec: what generated code uses where a meter gives either. */
export function decOf(v: Dec | number): Dec {
  return typeof v === 'number' ? decFromNumber(v) : v;
}

function decAddSigned(a: Dec, b: Dec, neg: boolean): Dec {
  const ac = a.c;
  const bc = neg ? -b.c : b.c;
  if (typeof ac === 'number' && typeof bc === 'number') {
    const as = a.s;
    const bs = b.s;
    if (as === bs) {
      const r = ac + bc;
      if (r <= DEC_MAX && r >= -DEC_MAX) return new Dec(r, as);
    } else if (as > bs) {
      const d = as - bs;
      if (d < 16) {
        const x = bc * DEC_POW10[d];
        const r = ac + x;
        if (x <= DEC_MAX && x >= -DEC_MAX && r <= DEC_MAX && r >= -DEC_MAX) return new Dec(r, as);
      }
    } else {
      const d = bs - as;
      if (d < 16) {
        const x = ac * DEC_POW10[d];
        const r = x + bc;
        if (x <= DEC_MAX && x >= -DEC_MAX && r <= DEC_MAX && r >= -DEC_MAX) return new Dec(r, bs);
      }
    }
  }
  const s = a.s > b.s ? a.s : b.s;
  const x = decBig(ac) * decPow10n(s - a.s);
  const y = decBig(bc) * decPow10n(s - b.s);
  return decMk(x + y, s);
}

/** a + b, exact. */
export function decAdd(a: Dec, b: Dec): Dec {
  return decAddSigned(a, b, false);
}

/** a - b, exact. */
export function decSub(a: Dec, b: Dec): Dec {
  return decAddSigned(a, b, true);
}

/** a * b, exact. */
export function decMul(a: Dec, b: Dec): Dec {
  const ac = a.c;
  const bc = b.c;
  if (typeof ac === 'number' && typeof bc === 'number') {
    const r = ac * bc;
    if (r <= DEC_MAX && r >= -DEC_MAX) return new Dec(r === 0 ? 0 : r, a.s + b.s);
  }
  const s = a.s + b.s;
  const c = decBig(ac) * decBig(bc);
  // Exact products grow without bound (squaring doubles the digits): past 2 x DEC_LIMIT digits a
  // product is an evaluation error, not minutes of BigInt work on the event loop.
  if (s > DEC_PRODUCT_LIMIT || c >= DEC_PRODUCT_MAX || c <= -DEC_PRODUCT_MAX) {
    rtEvalError(`a product has more than ${DEC_PRODUCT_LIMIT} digits`);
  }
  return decTrimBig(c, s);
}

/** The most digits (and fraction digits) a product may have; sums and quotients stay within it. */
const DEC_PRODUCT_LIMIT = 2 * DEC_LIMIT;
const DEC_PRODUCT_MAX = 10n ** BigInt(DEC_PRODUCT_LIMIT);

/** Removes trailing zeros of a big product so later operations can return to the fast path. */
function decTrimBig(c: bigint, s: number): Dec {
  while (s > 0 && c % 10n === 0n && (c > 9007199254740991n || c < -9007199254740991n)) {
    c /= 10n;
    s--;
  }
  return decMk(c, s);
}

/** Integer quotient num/den rounded by `mode` (den != 0). */
function decQuot(num: number | bigint, den: number | bigint, mode: DecMode): number | bigint {
  if (typeof num === 'number' && typeof den === 'number') {
    const r = num % den;
    const q = (num - r) / den;
    if (r === 0) return q === 0 ? 0 : q;
    const sign = (num < 0) !== (den < 0) ? -1 : 1;
    if (decRoundsAway(mode, sign, Math.abs(r) * 2, Math.abs(den), q % 2 !== 0)) return q + sign;
    return q === 0 ? 0 : q;
  }
  const n = decBig(num);
  const d = decBig(den);
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const sign = (n < 0n) !== (d < 0n) ? -1 : 1;
  const r2 = (r < 0n ? -r : r) * 2n;
  const ad = d < 0n ? -d : d;
  const cmp = r2 < ad ? -1 : r2 > ad ? 1 : 0;
  if (decRoundsAwayCmp(mode, sign, cmp, q % 2n !== 0n)) return q + BigInt(sign);
  return q;
}

/** Whether a non-zero remainder moves the truncated quotient one step away from zero. */
function decRoundsAway(mode: DecMode, sign: number, twiceRem: number, den: number, odd: boolean): boolean {
  return decRoundsAwayCmp(mode, sign, twiceRem < den ? -1 : twiceRem > den ? 1 : 0, odd);
}

function decRoundsAwayCmp(mode: DecMode, sign: number, halfCmp: number, odd: boolean): boolean {
  switch (mode) {
    case 'down': return false;
    case 'up': return true;
    case 'half-up': return halfCmp >= 0;
    case 'half-even': return halfCmp > 0 || (halfCmp === 0 && odd);
    case 'floor': return sign < 0;
    case 'ceiling': return sign > 0;
  }
}

function decQuotDec(q: number | bigint, s: number): Dec {
  return typeof q === 'bigint' ? decMk(q, s) : new Dec(q, s);
}

/** a / b rounded by `mode` to `scale` fraction digits. Division by zero is an evaluation error. */
export function decDivScale(a: Dec, b: Dec, scale: number, mode: DecMode): Dec {
  if (decIsZero(b)) return rtEvalError('division by zero');
  const e = scale - a.s + b.s;
  let num: number | bigint = a.c;
  let den: number | bigint = b.c;
  if (e >= 0) {
    if (typeof num === 'number' && e < 16) {
      const x = num * DEC_POW10[e];
      num = x <= DEC_MAX && x >= -DEC_MAX ? x : decBig(a.c) * decPow10n(e);
    } else num = decBig(num) * decPow10n(e);
  } else {
    if (typeof den === 'number' && -e < 16) {
      const x = den * DEC_POW10[-e];
      den = x <= DEC_MAX && x >= -DEC_MAX ? x : decBig(b.c) * decPow10n(-e);
    } else den = decBig(den) * decPow10n(-e);
  }
  if (typeof num !== typeof den) {
    num = decBig(num);
    den = decBig(den);
  }
  return decTrim(decQuotDec(decQuot(num, den, mode), scale));
}

/** a / b, rounded half-even to 12 fraction digits (SPEC section 2); division by zero is an evaluation error. */
export function decDiv(a: Dec, b: Dec): Dec {
  return decDivScale(a, b, 12, 'half-even');
}

/** a mod b: the remainder of truncated division (sign of a, like CEL and JS `%`); b = 0 is an evaluation error. */
export function decMod(a: Dec, b: Dec): Dec {
  if (decIsZero(b)) return rtEvalError('modulo by zero');
  const s = a.s > b.s ? a.s : b.s;
  if (typeof a.c === 'number' && typeof b.c === 'number' && s - a.s < 16 && s - b.s < 16) {
    const x = a.c * DEC_POW10[s - a.s];
    const y = b.c * DEC_POW10[s - b.s];
    if (x <= DEC_MAX && x >= -DEC_MAX && y <= DEC_MAX && y >= -DEC_MAX) {
      const r = x % y;
      return new Dec(r === 0 ? 0 : r, s);
    }
  }
  return decMk((decBig(a.c) * decPow10n(s - a.s)) % (decBig(b.c) * decPow10n(s - b.s)), s);
}

/** -a. */
export function decNeg(a: Dec): Dec {
  const c = a.c;
  return new Dec(typeof c === 'number' ? (c === 0 ? 0 : -c) : -c, a.s);
}

/** |a|. */
export function decAbs(a: Dec): Dec {
  return decSign(a) < 0 ? decNeg(a) : a;
}

/** The sign of a: -1, 0 or 1. */
export function decSign(a: Dec): -1 | 0 | 1 {
  const c = a.c;
  if (typeof c === 'number') return c < 0 ? -1 : c > 0 ? 1 : 0;
  return c < 0n ? -1 : 1;
}

/** Compares a and b: -1, 0 or 1. */
export function decCmp(a: Dec, b: Dec): -1 | 0 | 1 {
  const ac = a.c;
  const bc = b.c;
  if (typeof ac === 'number' && typeof bc === 'number') {
    if (a.s === b.s) return ac < bc ? -1 : ac > bc ? 1 : 0;
    const d = a.s - b.s;
    if (d > 0 && d < 16) {
      const y = bc * DEC_POW10[d];
      if (y <= DEC_MAX && y >= -DEC_MAX) return ac < y ? -1 : ac > y ? 1 : 0;
    } else if (d < 0 && -d < 16) {
      const x = ac * DEC_POW10[-d];
      if (x <= DEC_MAX && x >= -DEC_MAX) return x < bc ? -1 : x > bc ? 1 : 0;
    }
  }
  const sa = decSign(a);
  const sb = decSign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const s = a.s > b.s ? a.s : b.s;
  const x = decBig(ac) * decPow10n(s - a.s);
  const y = decBig(bc) * decPow10n(s - b.s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a == b by value (1.50 equals 1.5). */
export function decEq(a: Dec, b: Dec): boolean {
  return decCmp(a, b) === 0;
}

/** a == 0. */
export function decIsZero(a: Dec): boolean {
  return a.c === 0;
}

/** The smaller of a and b (a on ties). */
export function decMin(a: Dec, b: Dec): Dec {
  return decCmp(b, a) < 0 ? b : a;
}

/** The larger of a and b (a on ties). */
export function decMax(a: Dec, b: Dec): Dec {
  return decCmp(b, a) > 0 ? b : a;
}

/** a rounded to `digits` fraction digits (negative digits round to tens, hundreds...) by `mode`. */
export function decRound(a: Dec, digits: number, mode: DecMode): Dec {
  if (a.s <= digits) return a;
  if (!Number.isSafeInteger(digits) || digits < -DEC_LIMIT) return rtEvalError(`round: digits out of range: ${digits}`);
  const k = a.s - digits;
  const p: number | bigint = k < 16 && typeof a.c === 'number' ? DEC_POW10[k] : decPow10n(k);
  const q = decQuot(typeof p === 'bigint' ? decBig(a.c) : a.c, p, mode);
  if (digits >= 0) return decQuotDec(q, digits);
  return decMul(decQuotDec(q, 0), decQuotDec(decPow10n(-digits), 0));
}

/** The largest integer <= a (as a Dec). */
export function decFloor(a: Dec): Dec {
  return decRound(a, 0, 'floor');
}

/** The smallest integer >= a (as a Dec). */
export function decCeil(a: Dec): Dec {
  return decRound(a, 0, 'ceiling');
}

/** Removes trailing fraction zeros (value unchanged). */
export function decTrim(a: Dec): Dec {
  let c = a.c;
  let s = a.s;
  if (s === 0) return a;
  if (typeof c === 'number') {
    if (c === 0) return DEC_ZERO;
    while (s > 0 && c % 10 === 0) {
      c /= 10;
      s--;
    }
    return s === a.s ? a : new Dec(c, s);
  }
  while (s > 0 && c % 10n === 0n) {
    c /= 10n;
    s--;
  }
  return decMk(c, s);
}

/** Digits of |c| padded and split at the scale: the shared core of the two renderings. */
function decDigits(c: number | bigint, s: number): string {
  const neg = typeof c === 'number' ? c < 0 : c < 0n;
  let str = (neg ? -c : c).toString();
  if (s > 0) {
    if (str.length <= s) str = '0'.repeat(s - str.length + 1) + str;
    str = str.slice(0, str.length - s) + '.' + str.slice(str.length - s);
  }
  return neg ? '-' + str : str;
}

/** Canonical text: no exponent, no trailing zeros, zero is "0" (`"12"`, `"0.0005"`, `"-3.5"`). */
export function decToString(a: Dec): string {
  const t = decTrim(a);
  if (t.s === 0 && typeof t.c === 'number') return t.c === 0 ? '0' : String(t.c);
  return decDigits(t.c, t.s);
}

/** Money text: rounded by `mode` to exactly 2 fraction digits (`"30.00"`, `"-0.50"`). */
export function decToMoney(a: Dec, mode: DecMode): string {
  let r = decRound(a, 2, mode);
  if (typeof r.c === 'number' && r.c < 1e13 && r.c > -1e13) {
    // Hot path: whole cents as a safe integer, formatted by integer arithmetic.
    return decCentsText(r.s === 2 ? r.c : r.c * DEC_POW10[2 - r.s]);
  }
  if (r.s < 2) {
    const d = 2 - r.s;
    r = typeof r.c === 'number' && Math.abs(r.c) < 1e13 ? new Dec(r.c * DEC_POW10[d], 2) : decMk(decBig(r.c) * decPow10n(d), 2);
  }
  if (r.c === 0) return '0.00';
  return decDigits(r.c, 2);
}

/** `.00` ... `.99`: the fraction part of a money text by its cents, so formatting is one concatenation. */
const DEC_CENTS_FRAC: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '.0' : '.') + i);

/**
 * Money text of a whole number of cents given as a safe integer (`12999` -> `"129.99"`,
 * `-5` -> `"-0.05"`): integer arithmetic and a table, no generic decimal formatting.
 */
export function decCentsText(cents: number): string {
  if (cents >= 0 && cents < DEC_TEXT_CACHED) {
    // Small amounts (prices, discounts, line totals up to 163.83) repeat across calls: their text
    // is kept once built, so an output line costs a table read instead of a concatenation.
    let table = DEC_TEXT_CACHE.table;
    if (table === null) table = DEC_TEXT_CACHE.table = new Array(DEC_TEXT_CACHED);
    const hit = table[cents];
    if (hit !== undefined) return hit;
    return (table[cents] = decCentsTextOf(cents));
  }
  return decCentsTextOf(cents);
}

/** How many money texts (0.00 to 163.83) are cached, at most: 128 KB of table plus the strings, per executor. */
const DEC_TEXT_CACHED = 16384;
/** The cache of decCentsText, allocated on first use (executors that render no money never pay for it). */
const DEC_TEXT_CACHE: { table: (string | undefined)[] | null } = { table: null };

/**
 * decCentsText without the cache. Below 2^31 cents the split is int32 arithmetic (`| 0` truncates
 * the quotient, exact there); `%` on a value the engine holds as a double is a slow library call.
 */
function decCentsTextOf(cents: number): string {
  if (cents === 0) return '0.00';
  const neg = cents < 0;
  const abs = neg ? -cents : cents;
  let whole: number;
  let frac: number;
  if (abs < 2147483648) {
    whole = (abs / 100) | 0;
    frac = abs - whole * 100;
  } else {
    frac = abs % 100;
    whole = (abs - frac) / 100;
  }
  return neg ? '-' + whole + DEC_CENTS_FRAC[frac] : whole + DEC_CENTS_FRAC[frac];
}

/** The Dec of a money value rounded to cents by `mode`. */
export function decToCents(a: Dec, mode: DecMode): Dec {
  return decRound(a, 2, mode);
}

/** An integral Dec as a JS number (truncating any fraction); beyond ±(2^53-1) is an evaluation error. */
export function decToInt(a: Dec): number {
  const r = a.s === 0 ? a : decRound(a, 0, 'down');
  if (typeof r.c === 'number') return r.c === 0 ? 0 : r.c;
  return rtEvalError(`integer out of range: ${decToString(r)}`);
}

/** Whether a has no fraction part. */
export function decIsInt(a: Dec): boolean {
  return decCmp(decRound(a, 0, 'down'), a) === 0;
}

/** The constant 0, shared (Dec values are immutable). */
export function decZero(): Dec {
  return DEC_ZERO;
}

/** The constant 1, shared. */
export function decOne(): Dec {
  return DEC_ONE;
}

/** The integer number of cents of a money value rounded by `mode` (a bigint beyond 2^53). */
export function decToCentsInt(a: Dec, mode: DecMode): number | bigint {
  const r = decRound(a, 2, mode);
  const k = 2 - r.s;
  if (typeof r.c === 'number') {
    const x = r.c * DEC_POW10[k];
    if (x <= DEC_MAX && x >= -DEC_MAX) return x === 0 ? 0 : x;
  }
  const b = decBig(r.c) * decPow10n(k);
  return b <= 9007199254740991n && b >= -9007199254740991n ? Number(b) : b;
}

/** The money value of an integer number of cents. */
export function decFromCentsInt(c: number | bigint): Dec {
  return typeof c === 'bigint' ? decMk(c, 2) : new Dec(c === 0 ? 0 : c, 2);
}
