// The rule file the studio's browser test types in: a PricingTier plan and a Promotion billed by
// it, with the Promotion's `when` holding a type error (money compared with a string) to be fixed.

/** The line of the Promotion's `when` that holds the type error, as written in the file. */
export const brokenWhen = '      when: subtotal >= "200"';

/** The rule file with the type error in it. */
export const e2eRuleWithError = `apiVersion: rulemart/v1
kind: PricingTier
metadata:
  name: e2e-plan
  version: 1.0.0
  title: Pay per call
input:
  usage: { calls: int, responseKB: decimal }
  sla: "enum(bronze, silver, gold)"
spec:
  currency: USD
  meters:
    - name: calls
      quantity: usage.calls
      mode: graduated
      tiers:
        - { upTo: 100000, unit: 0.01 }
        - { unit: 0.005 }
  multiplier: "if sla == 'gold' then 2 else 1"
---
apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: e2e-spend-save
  version: 1.0.0
  title: Spend 200, save 30
  description: Every order of 200 or more gets 30 off, spread over its lines.
billing:
  tier: premium
  plan: e2e-plan
types:
  Item: { sku: string, category: string, price: money, qty: int }
input:
  cart: { items: list<Item>, shipping: money? }
  user: { id: string, level: "enum(normal, vip)" }
params:
  threshold: money = 200
spec:
  policy: first
  rules:
    - name: vip-extra
      when: subtotal >= threshold and user.level == "vip"
      then: { orderDiscount: 40, message: "VIP: 40 off" }
    - name: spend-and-save
${brokenWhen}
      then: { orderDiscount: 30, message: "Spend \${threshold}, save 30" }
tests:
  - name: reaches the threshold
    input: { cart: { items: [ { sku: SHOE-1, category: shoes, price: 120, qty: 2 } ] }, user: { id: u-1, level: normal } }
    expect: { applied: true, discount: "30.00", total: "210.00" }
  - name: below the threshold
    input: { cart: { items: [ { sku: BAG-1, category: bags, price: 50, qty: 1 } ] }, user: { id: u-2, level: vip } }
    expect: { applied: false, reason: no-rule }
`;
