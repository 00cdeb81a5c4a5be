// Contestant 4: json-logic-js. The whole decision, filter and sum included, is one JsonLogic
// expression (floats); the eligible total is computed once and fed to the tier expression.
import jsonLogic from 'json-logic-js';
import { ELIGIBLE_CATEGORIES, type BenchCart } from '../carts.ts';
import type { Contestant } from '../measure.ts';

const eligibleTotal = {
  reduce: [
    { filter: [{ var: 'cart.items' }, { in: [{ var: 'category' }, ELIGIBLE_CATEGORIES] }] },
    { '+': [{ var: 'accumulator' }, { '*': [{ var: 'current.price' }, { var: 'current.qty' }] }] },
    0,
  ],
};

const tiers = {
  if: [{ '>=': [{ var: 'total' }, 399.995] }, 80, { '>=': [{ var: 'total' }, 199.995] }, 30, 0],
};

export function jsonLogicContestant(): Contestant {
  return {
    name: 'json-logic-js',
    async: false,
    run: (input: BenchCart) => {
      const total = jsonLogic.apply(eligibleTotal as any, input) as number;
      return jsonLogic.apply(tiers as any, { total }) as number;
    },
  };
}
