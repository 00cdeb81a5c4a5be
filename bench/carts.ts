// Seeded random shopping carts for the promotion benchmark: every engine sees the same carts.

/** One cart line as JSON input (prices in currency units with at most 2 fraction digits). */
export interface BenchLine {
  sku: string;
  category: string;
  price: number;
  qty: number;
}

/** The executor input of the benchmark promotion. */
export interface BenchCart {
  cart: { items: BenchLine[] };
}

export const CATEGORIES = ['shoes', 'bags', 'tops', 'socks', 'home', 'beauty'] as const;

/** The categories that count towards the spend threshold in every engine. */
export const ELIGIBLE_CATEGORIES = ['shoes', 'bags'];

/** mulberry32: a tiny, fast, seedable PRNG, so runs are repeatable across machines. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` carts of 5-20 lines, unit prices 1.00-129.99 in whole cents, quantities 1-3.
 * Prices are built from integer cents so that the JSON number is the shortest decimal of the price.
 */
export function makeCarts(count: number, seed = 20261111): BenchCart[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const carts: BenchCart[] = [];
  for (let c = 0; c < count; c++) {
    const lines = int(5, 20);
    const items: BenchLine[] = [];
    for (let l = 0; l < lines; l++) {
      const cents = int(100, 12999);
      items.push({
        sku: `SKU-${c}-${l}`,
        category: CATEGORIES[int(0, CATEGORIES.length - 1)],
        price: cents / 100,
        qty: int(1, 3),
      });
    }
    carts.push({ cart: { items } });
  }
  return carts;
}

/** The expected discount in cents, from integer cent arithmetic (the ground truth for the check). */
export function expectedDiscountCents(cart: BenchCart): number {
  let cents = 0;
  for (const line of cart.cart.items) {
    if (ELIGIBLE_CATEGORIES.includes(line.category)) cents += Math.round(line.price * 100) * line.qty;
  }
  return cents >= 40000 ? 8000 : cents >= 20000 ? 3000 : 0;
}
