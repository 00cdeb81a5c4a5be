// The correctness gate of the benchmark: every engine must give the exact discount on every cart.
import { expectedDiscountCents, type BenchCart } from './carts.ts';
import type { Contestant } from './measure.ts';

/** Every cart where a contestant's discount differs from the exact answer, as text lines. */
export async function disagreements(contestants: Contestant[], carts: BenchCart[]): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 0; i < carts.length; i++) {
    const want = expectedDiscountCents(carts[i]);
    for (const c of contestants) {
      const got = Math.round((await c.run(carts[i])) * 100);
      if (got !== want) problems.push(`cart ${i}: ${c.name} gives ${got / 100}, exact answer ${want / 100}`);
    }
  }
  return problems;
}
