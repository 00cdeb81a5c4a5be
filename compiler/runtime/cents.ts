// Whole cents as integers: what the Promotion engine computes with once every line amount is
// rounded. A JS number while it is a safe integer (no allocation, exact), a BigInt beyond, so
// amounts of any size stay exact. JS compares numbers and BigInts directly (`<`, `>`).
import { decCentsText } from './decimal.ts';

/** An integer number of cents: a safe-integer number, or a bigint beyond ±(2^53-1). */
export type Cents = number | bigint;

/** Demotes a bigint to a number when it is safe. */
export function centsNorm(b: bigint): Cents {
  return b <= 9007199254740991n && b >= -9007199254740991n ? Number(b) : b;
}

/** a + b, exact. */
export function centsAdd(a: Cents, b: Cents): Cents {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= 9007199254740991 && r >= -9007199254740991) return r;
  }
  return centsNorm(BigInt(a) + BigInt(b));
}

/** a - b, exact. */
export function centsSub(a: Cents, b: Cents): Cents {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= 9007199254740991 && r >= -9007199254740991) return r;
  }
  return centsNorm(BigInt(a) - BigInt(b));
}

/** The smaller of a and b. */
export function centsMin(a: Cents, b: Cents): Cents {
  return b < a ? b : a;
}

/** max(a, 0). */
export function centsPos(a: Cents): Cents {
  return a < 0 ? 0 : a;
}

/** Money text of whole cents: `"30.00"`, `"-0.05"`. */
export function centsMoney(c: Cents): string {
  if (typeof c === 'number') return decCentsText(c);
  if (c === 0n) return '0.00';
  const neg = c < 0;
  const s = (neg ? -c : c).toString().padStart(3, '0');
  return (neg ? '-' : '') + s.slice(0, s.length - 2) + '.' + s.slice(s.length - 2);
}
