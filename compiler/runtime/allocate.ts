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
  for (let i = 0; i < n; i++) {
    const p = t * (weights[i] as number);
    const r = p % s;
    const q = (p - r) / s;
    shares[i] = q;
    rems[i] = r;
    given += q;
  }
  allocLeftoverNumbers(shares as number[], rems, t - given);
  return shares;
}

/**
 * allocLeftover for number remainders (the common case), without a comparison callback: each
 * round takes the largest remainder not yet given a cent (earlier line on ties), then marks it
 * used by setting its remainder to -1 (remainders are >= 0). `left` is below the line count.
 */
function allocLeftoverNumbers(shares: number[], rems: number[], left: number): void {
  const n = rems.length;
  if (left <= 0) return;
  if (n > 32) {
    allocLeftover(shares, rems, left, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return;
  }
  if (left * 2 <= n) {
    for (let k = 0; k < left; k++) {
      let best = -1;
      let top = -1;
      for (let i = 0; i < n; i++) {
        const r = rems[i];
        if (r > top) {
          top = r;
          best = i;
        }
      }
      if (best < 0) return;
      rems[best] = -1;
      shares[best]++;
    }
    return;
  }
  // Most lines get a cent: give every line one, then take it back from the n - left lines that
  // rank last (smallest remainder, the later line on ties), marked used with +Infinity.
  for (let i = 0; i < n; i++) shares[i]++;
  for (let k = left; k < n; k++) {
    let worst = -1;
    let low = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const r = rems[i];
      if (r <= low && r !== Number.POSITIVE_INFINITY) {
        low = r;
        worst = i;
      }
    }
    rems[worst] = Number.POSITIVE_INFINITY;
    shares[worst]--;
  }
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
