// Contestant 2: what a developer would write by hand, with binary floating point.
import { ELIGIBLE_CATEGORIES, type BenchCart } from '../carts.ts';
import type { Contestant } from '../measure.ts';

// Float sums drift by ~1e-13, so the thresholds sit half a cent low: that is rounding to cents
// before comparing, which float code must do to agree with exact arithmetic at 200.00 / 400.00.
const TIER_400 = 399.995;
const TIER_200 = 199.995;

/** The discount of one cart, computed with plain numbers. */
export function handwrittenDiscount(input: BenchCart): number {
  let total = 0;
  for (const line of input.cart.items) {
    if (ELIGIBLE_CATEGORIES.includes(line.category)) total += line.price * line.qty;
  }
  return total >= TIER_400 ? 80 : total >= TIER_200 ? 30 : 0;
}

export function handwrittenContestant(): Contestant {
  return { name: 'hand-written TS (float)', async: false, run: handwrittenDiscount };
}
