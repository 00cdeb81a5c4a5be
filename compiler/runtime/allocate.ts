// Spreading an order discount over cart lines (SPEC section 4): in proportion to each line's
// total after item discounts, in whole cents, leftover cents by the largest-remainder method,
// ties to the earlier line. The shares always add up to the discount exactly and never exceed
// a line's own weight when the discount does not exceed the sum of the weights.
import type { Cents } from './cents.ts';

/**
 * Splits `total` cents over `weights` (cents, each >= 0; `total` <= their sum) proportionally.
 * Integer arithmetic only: numbers while products stay safe, BigInt beyond.
 */
export function allocCents(total: Cents, weights: Cents[]): Cents[] {
  const n = weights.length;
  let sum: number | bigint = 0;
  let big = typeof total === 'bigint';
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w === 'bigint') big = true;
    sum = big ? BigInt(sum) + BigInt(w) : (sum as number) + (w as number);
  }
  if (!big && (Math.abs(sum as number) > 9007199254740991 || Math.abs((total as number) * (sum as number)) > 9007199254740991)) big = true;
  if (big) return allocCentsBig(BigInt(total), weights.map((w) => BigInt(w)));
  const t = total as number;
  const s = sum as number;
  const shares: (number | bigint)[] = new Array(n);
  const rems: number[] = new Array(n);
  if (s <= 0 || t <= 0) {
    for (let i = 0; i < n; i++) shares[i] = 0;
    return shares;
  }
  let given = 0;
  if (t * s <= 1125899906842624) {
    // t * s <= 2^50: every product p = t * w (w <= s) and q * s stay far below 2^53, and the
    // double quotient p / s is within one ulp, so its floor is the exact integer quotient (the
    // remainder is checked anyway). A division and a multiplication instead of a slow `%`.
    for (let i = 0; i < n; i++) {
      const p = t * (weights[i] as number);
      let q = Math.floor(p / s);
      let r = p - q * s;
      if (r < 0) {
        q--;
        r += s;
      } else if (r >= s) {
        q++;
        r -= s;
      }
      shares[i] = q;
      rems[i] = r;
      given += q;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const p = t * (weights[i] as number);
      const r = p % s;
      const q = (p - r) / s;
      shares[i] = q;
      rems[i] = r;
      given += q;
    }
  }
  allocLeftoverNumbers(shares as number[], rems, t - given);
  return shares;
}

/** Scratch space of allocLeftoverNumbers' packed keys (the runtime is synchronous: never shared mid-use). */
const ALLOC_KEYS = new Float64Array(64);
/** Scratch space of allocCentsSmall's remainders. */
const ALLOC_REMS = new Float64Array(64);

/**
 * allocCents for the common cart: `weights` numbers >= 0 adding up to `sum`, 0 < `total` <=
 * `sum`, at most 64 lines, `total * sum` <= 2^50 and `sum` < 2^46. Null when any of that does not
 * hold (the caller then uses allocCents). Same shares as allocCents, with the remainders in
 * scratch space instead of a fresh array and no BigInt checks per line.
 */
export function allocCentsSmall(total: number, weights: number[], sum: number): number[] | null {
  const n = weights.length;
  const t = total;
  const s = sum;
  if (!(n <= 64 && t > 0 && t <= s && s < 70368744177664 && t * s <= 1125899906842624)) return null;
  const shares: number[] = new Array(n);
  const rems = ALLOC_REMS;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0)) return null;
    // Exact as in allocCents: p and q * s stay below 2^51, the floor of p / s is the quotient.
    const p = t * w;
    let q = Math.floor(p / s);
    let r = p - q * s;
    if (r < 0) {
      q--;
      r += s;
    } else if (r >= s) {
      q++;
      r -= s;
    }
    shares[i] = q;
    rems[i] = r;
    given += q;
  }
  const left = t - given;
  if (left > 0) {
    // The packed keys of allocLeftoverNumbers (remainders are below s < 2^46).
    const keys = ALLOC_KEYS;
    for (let i = 0; i < n; i++) {
      const key = rems[i] * 64 + (63 - i);
      let j = i;
      while (j > 0 && keys[j - 1] < key) {
        keys[j] = keys[j - 1];
        j--;
      }
      keys[j] = key;
    }
    const cut = keys[left < n ? left - 1 : n - 1];
    for (let i = 0; i < n; i++) if (rems[i] * 64 + (63 - i) >= cut) shares[i]++;
  }
  return shares;
}

/**
 * allocLeftover for number remainders (the common case), without a comparison callback. Each line
 * gets a key `rem * 64 + (63 - i)`: exact below 2^53 when every remainder is below 2^46, distinct,
 * and ordered as the rule ranks lines (larger remainder first, the earlier line on ties). An
 * insertion sort of at most 64 keys (descending) gives the `left`-th key; every line whose key is
 * at least that one gets a cent. Longer carts or larger remainders take the generic path.
 */
function allocLeftoverNumbers(shares: number[], rems: number[], left: number): void {
  const n = rems.length;
  if (left <= 0) return;
  let fits = n <= 64;
  for (let i = 0; fits && i < n; i++) if (!(rems[i] < 70368744177664)) fits = false;
  if (!fits) {
    allocLeftover(shares, rems, left, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return;
  }
  const keys = ALLOC_KEYS;
  for (let i = 0; i < n; i++) {
    const key = rems[i] * 64 + (63 - i);
    let j = i;
    while (j > 0 && keys[j - 1] < key) {
      keys[j] = keys[j - 1];
      j--;
    }
    keys[j] = key;
  }
  const cut = keys[left < n ? left - 1 : n - 1];
  for (let i = 0; i < n; i++) if (rems[i] * 64 + (63 - i) >= cut) shares[i]++;
}

function allocCentsBig(t: bigint, weights: bigint[]): (number | bigint)[] {
  const n = weights.length;
  let s = 0n;
  for (const w of weights) s += w;
  const shares: (number | bigint)[] = new Array(n);
  if (s <= 0n || t <= 0n) {
    for (let i = 0; i < n; i++) shares[i] = 0;
    return shares;
  }
  const rems: bigint[] = new Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const p = t * weights[i];
    shares[i] = p / s;
    rems[i] = p % s;
    given += p / s;
  }
  allocLeftover(shares, rems, Number(t - given), (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < n; i++) {
    const v = shares[i] as bigint;
    shares[i] = v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : v;
  }
  return shares;
}

/** Gives one more cent to each of the `left` lines with the largest remainders (earlier line on ties). */
function allocLeftover<R>(shares: (number | bigint)[], rems: R[], left: number, cmp: (a: R, b: R) => number): void {
  if (left <= 0) return;
  if (rems.length <= 32) {
    // Small carts: pick the largest remaining remainder `left` times (no sort, no closure).
    const given: boolean[] = new Array(rems.length).fill(false);
    for (let k = 0; k < left; k++) {
      let best = -1;
      for (let i = 0; i < rems.length; i++) if (!given[i] && (best < 0 || cmp(rems[i], rems[best]) > 0)) best = i;
      if (best < 0) return;
      given[best] = true;
      const v = shares[best];
      shares[best] = typeof v === 'bigint' ? v + 1n : v + 1;
    }
    return;
  }
  const order: number[] = [];
  for (let i = 0; i < rems.length; i++) order.push(i);
  order.sort((a, b) => cmp(rems[b], rems[a]) || a - b);
  for (let k = 0; k < left && k < order.length; k++) {
    const i = order[k];
    const v = shares[i];
    shares[i] = typeof v === 'bigint' ? v + 1n : v + 1;
  }
}
