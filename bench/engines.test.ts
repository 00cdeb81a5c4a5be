// Every benchmark engine, the compiled rulemart executor included, gives the exact discount,
// also on carts that sit exactly on a threshold (where naive float code goes wrong).
import { describe, expect, it } from 'vitest';
import { disagreements } from './agreement.ts';
import { makeCarts, type BenchCart } from './carts.ts';
import { compiledContestant } from './engines/compiled.ts';
import { handwrittenContestant } from './engines/handwritten.ts';
import { jsonLogicContestant } from './engines/json-logic.ts';
import { jsonRulesEngineContestant } from './engines/json-rules-engine.ts';
import { zenContestant } from './engines/zen.ts';

const line = (category: string, price: number, qty: number, i: number) => ({ sku: `L${i}`, category, price, qty });
const edges: BenchCart[] = [
  // Exactly 400.00 and 200.00, whose float sums are 399.99999999999994 and 199.99999999999997.
  { cart: { items: [line('shoes', 85.35, 3, 0), line('bags', 143.95, 1, 1)] } },
  { cart: { items: [line('bags', 18.49, 7, 0), line('shoes', 70.57, 1, 1), line('tops', 300, 1, 2)] } },
  { cart: { items: [line('shoes', 133.33, 3, 0), line('bags', 0.01, 1, 1)] } },
  { cart: { items: [line('tops', 999, 3, 0)] } },
  { cart: { items: [] } },
];

describe('benchmark engines', () => {
  it('agree with exact cent arithmetic on edge carts and 200 random carts', async () => {
    const contestants = [await compiledContestant(), handwrittenContestant(), jsonRulesEngineContestant(), jsonLogicContestant(), zenContestant()];
    expect(await disagreements(contestants, [...edges, ...makeCarts(200, 99)])).toEqual([]);
  });

  it('are caught by the agreement gate when one of them is wrong', async () => {
    const wrong = { name: 'off-by-one-cent', async: false, run: () => 0.01 };
    const problems = await disagreements([wrong], edges.slice(0, 2));
    expect(problems).toEqual(['cart 0: off-by-one-cent gives 0.01, exact answer 80', 'cart 1: off-by-one-cent gives 0.01, exact answer 30']);
  });
});
