// Contestant 3: json-rules-engine. It has no list aggregation, so the eligible total is a
// dynamic fact computed in JavaScript (floats), and the two tiers are rules over that fact.
import { Engine } from 'json-rules-engine';
import { ELIGIBLE_CATEGORIES, type BenchCart } from '../carts.ts';
import type { Contestant } from '../measure.ts';

/** Builds the engine once; `run` is the per-cart call (async, as json-rules-engine is). */
export function jsonRulesEngineContestant(): Contestant {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    name: 'tier-400',
    priority: 2,
    conditions: { all: [{ fact: 'eligibleTotal', operator: 'greaterThanInclusive', value: 399.995 }] },
    event: { type: 'discount', params: { amount: 80 } },
  });
  engine.addRule({
    name: 'tier-200',
    priority: 1,
    conditions: {
      all: [
        { fact: 'eligibleTotal', operator: 'greaterThanInclusive', value: 199.995 },
        { fact: 'eligibleTotal', operator: 'lessThan', value: 399.995 },
      ],
    },
    event: { type: 'discount', params: { amount: 30 } },
  });
  engine.addFact('eligibleTotal', async (_params, almanac) => {
    const cart = (await almanac.factValue('cart')) as BenchCart['cart'];
    let total = 0;
    for (const line of cart.items) {
      if (ELIGIBLE_CATEGORIES.includes(line.category)) total += line.price * line.qty;
    }
    return total;
  });
  return {
    name: 'json-rules-engine',
    async: true,
    run: async (input: BenchCart) => {
      const { events } = await engine.run({ cart: input.cart });
      let amount = 0;
      for (const e of events) amount = Math.max(amount, Number(e.params?.amount ?? 0));
      return amount;
    },
  };
}
