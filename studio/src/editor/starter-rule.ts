// The rule a new merchant starts from: a small, correct Promotion with tests, so the try-it panel
// has something to run at once.

/** YAML of the starter Promotion. */
export const starterRule = `apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: spend-and-save
  version: 1.0.0
  title: Spend 200, save 30
types:
  Item: { sku: string, category: string, price: money, qty: int }
input:
  cart: { items: list<Item>, shipping: money? }
  user: { id: string, level: "enum(normal, vip)" }
params:
  threshold: money = 200
  saving: money = 30
spec:
  policy: first
  rules:
    - name: vip-bonus
      when: subtotal >= threshold and user.level == "vip"
      then: { orderDiscount: saving + 10, message: "VIP: \${saving + 10} off" }
    - name: spend-and-save
      when: subtotal >= threshold
      then: { orderDiscount: saving, message: "Spend \${threshold}, save \${saving}" }
tests:
  - name: reaches the threshold
    input: { cart: { items: [ { sku: A, category: shoes, price: 120, qty: 2 } ] }, user: { id: u-1, level: normal } }
    expect: { applied: true, discount: "30.00", total: "210.00" }
  - name: below the threshold
    input: { cart: { items: [ { sku: B, category: bags, price: 50, qty: 1 } ] }, user: { id: u-2, level: vip } }
    expect: { applied: false, reason: no-rule }
`;
