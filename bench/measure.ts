// Timing harness: warm up, then time several rounds over all carts and keep the median rate.

/** One benchmark contestant: computes the discount (currency units) of one cart. */
export interface Contestant {
  name: string;
  /** True when `run` returns a promise (async engines are awaited one call at a time). */
  async: boolean;
  run: (cart: any) => number | Promise<number>;
}

export interface Measurement {
  name: string;
  /** Median calls per second over the timed rounds. */
  opsPerSec: number;
  /** Every round's calls per second, in order. */
  rounds: number[];
}

/** The median of a non-empty list (mean of the middle two for an even length). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function pass(c: Contestant, carts: unknown[]): Promise<number> {
  let sink = 0;
  if (c.async) {
    for (const cart of carts) sink += (await c.run(cart)) as number;
  } else {
    for (const cart of carts) sink += c.run(cart) as number;
  }
  return sink;
}

/**
 * Runs `c` over `carts`: `warmup` untimed passes (JIT, caches), then `rounds` timed passes.
 * The sum of results is kept in a sink so no engine can skip work whose result is unused.
 */
export async function measure(c: Contestant, carts: unknown[], warmup: number, rounds: number): Promise<Measurement> {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += await pass(c, carts);
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    sink += await pass(c, carts);
    const ns = Number(process.hrtime.bigint() - t0);
    rates.push(carts.length / (ns / 1e9));
  }
  if (Number.isNaN(sink)) throw new Error(`${c.name} produced NaN`);
  return { name: c.name, opsPerSec: median(rates), rounds: rates };
}

/**
 * Measures several contestants with their rounds interleaved (round 1 of each, then round 2 of
 * each, ...), so that load from other processes on a shared machine hits every engine alike and
 * the ratios stay meaningful even when the absolute rates do not.
 */
export async function measureInterleaved(cs: Contestant[], carts: unknown[], warmup: number, rounds: number): Promise<Measurement[]> {
  let sink = 0;
  for (const c of cs) for (let i = 0; i < warmup; i++) sink += await pass(c, carts);
  const rates: number[][] = cs.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < cs.length; k++) {
      const t0 = process.hrtime.bigint();
      sink += await pass(cs[k], carts);
      rates[k].push(carts.length / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
  }
  if (Number.isNaN(sink)) throw new Error('a contestant produced NaN');
  return cs.map((c, k) => ({ name: c.name, opsPerSec: median(rates[k]), rounds: rates[k] }));
}
