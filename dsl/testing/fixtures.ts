// Test fixtures for the front end: small valid documents to mutate, and a helper that finds
// the 1-based line:column of a piece of text, so tests state positions without counting.
import { checkSource } from '../index.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

/** A valid Promotion; `{{...}}` markers are replaced by `promotion(overrides)`. */
export const PROMOTION = `apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: full-reduction
  version: 1.2.0
  title: 满200减30
types:
  Item: { sku: string, category: string, price: money, qty: int }
input:
  cart: { total: money, items: list<Item>, shipping?: money }
  user: { id: string, level: "enum(normal, vip, svip)" }
params:
  threshold: money = 200
  categories: list<string> = ["shoes", "bags"]
let:
  eligible: cart.items.filter(i, i.category in categories)
spec:
  rules:
    - name: big-spender
      when: subtotal >= 400
      then: { orderDiscount: 80 }
    - when: {{WHEN}}
      then: { {{THEN}} }
`;

/** The Promotion with its second rule's `when` and `then` replaced. */
export function promotion(when: string, then = 'orderDiscount: 30'): string {
  return PROMOTION.replace('{{WHEN}}', when).replace('{{THEN}}', then);
}

export const SELECTION = `apiVersion: rulemart/v1
kind: Selection
metadata: { name: hot-picks, version: 1.0.0 }
types:
  Product: { sku: string, price: money, stock: int, sales30d: int, aiTags: list<string>, launched: timestamp? }
input:
  products: list<Product>
params:
  minStock: int = 10
spec:
  from: products as p
  where: p.stock >= minStock and "high-conversion" in p.aiTags
  orderBy: [ p.sales30d desc, p.price asc ]
  limit: 20
  offset: 0
  select: { sku: p.sku, score: p.sales30d * 2 + p.stock }
`;

export const PRICING = `apiVersion: rulemart/v1
kind: PricingTier
metadata: { name: api-pricing, version: 3.0.0 }
input:
  usage: { calls: int, responseKB: decimal }
  sla: "enum(bronze, silver, gold)"
spec:
  currency: CNY
  meters:
    - name: calls
      quantity: usage.calls
      mode: graduated
      tiers:
        - { upTo: 10000, unit: 0 }
        - { upTo: 1000000, unit: "if sla == 'gold' then 0.005 else 0.001" }
        - { unit: 0.0005, flat: 10 }
    - name: egress
      quantity: usage.responseKB
      mode: package
      package: { size: 1024, price: 0.5 }
  multiplier: "if sla == 'gold' then 2 else 1"
  minimum: 0
  maximum: 100000
`;

/** 1-based line and column of the `nth` (0-based) occurrence of `needle` in `text`. */
export function pos(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** The diagnostics of a text, checked as `test.yaml`. */
export function diagnosticsOf(text: string): Diagnostic[] {
  return checkSource(text, 'test.yaml').diagnostics;
}

/** The only error of a text (fails the calling test by returning undefined fields otherwise). */
export function onlyError(text: string): Diagnostic {
  const errors = diagnosticsOf(text).filter((d) => d.severity === 'error');
  if (errors.length !== 1) throw new Error(`expected exactly one error, got ${JSON.stringify(errors, null, 1)}`);
  return errors[0];
}
