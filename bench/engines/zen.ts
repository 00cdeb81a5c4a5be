// Contestant 5: GoRules ZEN (Rust through N-API). A JDM graph built here: an expression node
// sums the eligible lines (ZEN numbers are decimals), a first-hit decision table picks the tier.
import { ZenEngine } from '@gorules/zen-engine';
import { ELIGIBLE_CATEGORIES, type BenchCart } from '../carts.ts';
import type { Contestant } from '../measure.ts';

const categories = ELIGIBLE_CATEGORIES.map((c) => `'${c}'`).join(', ');

/** The decision graph in GoRules JDM format. */
export const jdm = {
  nodes: [
    { id: 'request', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
    {
      id: 'totals',
      type: 'expressionNode',
      name: 'Totals',
      position: { x: 250, y: 0 },
      content: {
        expressions: [
          { id: 'eligible-total', key: 'eligibleTotal', value: `sum(map(filter(cart.items, #.category in [${categories}]), #.price * #.qty))` },
        ],
      },
    },
    {
      id: 'tiers',
      type: 'decisionTableNode',
      name: 'Tiers',
      position: { x: 500, y: 0 },
      content: {
        hitPolicy: 'first',
        inputs: [{ id: 'in-total', name: 'Eligible total', field: 'eligibleTotal' }],
        outputs: [{ id: 'out-discount', name: 'Discount', field: 'discount' }],
        rules: [
          { _id: 'tier-400', 'in-total': '>= 400', 'out-discount': '80' },
          { _id: 'tier-200', 'in-total': '>= 200', 'out-discount': '30' },
          { _id: 'none', 'in-total': '', 'out-discount': '0' },
        ],
      },
    },
    { id: 'response', type: 'outputNode', name: 'Response', position: { x: 750, y: 0 } },
  ],
  edges: [
    { id: 'e1', sourceId: 'request', targetId: 'totals', type: 'edge' },
    { id: 'e2', sourceId: 'totals', targetId: 'tiers', type: 'edge' },
    { id: 'e3', sourceId: 'tiers', targetId: 'response', type: 'edge' },
  ],
};

export function zenContestant(): Contestant {
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdm);
  return {
    name: 'GoRules ZEN',
    async: true,
    run: async (input: BenchCart) => {
      const response = await decision.evaluate(input);
      return Number((response.result as { discount: number | string }).discount);
    },
  };
}
