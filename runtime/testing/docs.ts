// Small rule documents for the runtime's tests, built from a few knobs.

/** A Promotion `promo:<name>:v<major>` taking 30 (or `discount`) off from a subtotal of 100. */
export function promoDoc(o: { name?: string; version?: string; discount?: string; input?: string; title?: string; extra?: string } = {}): string {
  return `apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: ${o.name ?? 'test-promo'}
  version: ${o.version ?? '1.0.0'}
  title: ${o.title ?? '满100减30'}
types:
  Item: { sku: string, price: money, qty: int }
input:
  cart: { items: list<Item> }
${o.input ?? ''}
params:
  threshold: money = 100
spec:
  class: order
  combinesWith: [order]
  rules:
    - when: subtotal >= threshold
      then: { orderDiscount: ${o.discount ?? '30'} }
${o.extra ?? ''}`;
}

/** A cart with one line of `price` x `qty`. */
export function cart(price: number | string = 120, qty = 1) {
  return { cart: { items: [{ sku: 'A', price, qty }] } };
}
