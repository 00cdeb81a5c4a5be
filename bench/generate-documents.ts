// Generated rule documents for the compile-speed benchmark: a mix of the three kinds, each
// document distinct (name, thresholds, categories), all valid per SPEC sections 1-6.

/** One generated rule file. */
export interface GeneratedFile {
  name: string;
  text: string;
}

function promotion(i: number): string {
  const low = 100 + (i % 7) * 50;
  return `apiVersion: rulemart/v1
kind: Promotion
metadata:
  name: gen-promo-${i}
  version: 1.${i % 10}.0
  title: 满${low}减${10 + (i % 5) * 5}
billing:
  tier: premium
  rateLimit: ${50 + i}/s
  plan: api-standard
types:
  Item: { sku: string, category: string, price: money, qty: int }
input:
  cart: { items: list<Item>, shipping: money? }
  user: { id: string, level: "enum(normal, vip, svip)" }
params:
  low: money = ${low}
  high: money = ${low * 2}
  categories: list<string> = ["c${i % 4}", "c${(i + 1) % 4}"]
let:
  eligible: cart.items.filter(i, i.category in categories)
  eligibleTotal: eligible.sum(i, i.price * i.qty)
spec:
  class: order
  priority: ${i}
  combinesWith: [shipping, item]
  condition: user.level != "normal" or eligibleTotal > 0
  limits:
    budget: ${1000 * (1 + (i % 9))}
  rules:
    - name: high
      when: eligibleTotal >= high
      then: { orderDiscount: ${20 + (i % 5) * 10}, message: 满${low * 2}减 }
    - name: low
      when: eligibleTotal >= low
      then:
        itemDiscount:
          items: eligible
          percent: ${5 + (i % 3) * 5}%
          maxQty: 2
    - name: vip-shipping
      when: user.level in ["vip", "svip"]
      then: { freeShipping: true, points: ${i} }
`;
}

function selection(i: number): string {
  return `apiVersion: rulemart/v1
kind: Selection
metadata:
  name: gen-select-${i}
  version: 1.0.${i}
types:
  Product: { sku: string, category: string, price: money, stock: int, sales30d: int, aiTags: list<string> }
input:
  products: list<Product>
params:
  minStock: int = ${i % 50}
spec:
  from: products as p
  where: p.stock >= minStock and "tag-${i % 6}" in p.aiTags
  orderBy: [ p.sales30d desc, p.price asc ]
  limit: ${10 + (i % 20)}
  select: { sku: p.sku, score: p.sales30d * ${1 + (i % 3)} + p.stock }
`;
}

function pricing(i: number): string {
  return `apiVersion: rulemart/v1
kind: PricingTier
metadata:
  name: gen-price-${i}
  version: 2.0.${i}
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
        - { upTo: ${1000 * (1 + (i % 10))}, unit: 0 }
        - { upTo: 1000000, unit: "if sla == 'gold' then 0.0015 else 0.002" }
        - { unit: 0.001, flat: ${i} }
    - name: egress
      quantity: usage.responseKB
      mode: package
      package: { size: 1024, price: 0.${1 + (i % 9)} }
  multiplier: "if sla == 'gold' then 2 else 1"
  minimum: 0
`;
}

/** `count` documents, one per file, cycling promotion, promotion, selection, pricing. */
export function generateDocuments(count: number): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const text = kind === 2 ? selection(i) : kind === 3 ? pricing(i) : promotion(i);
    files.push({ name: `doc-${String(i).padStart(3, '0')}.yaml`, text });
  }
  return files;
}
