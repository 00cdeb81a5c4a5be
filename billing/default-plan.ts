// The built-in PricingTier that prices SKUs whose `billing` names no plan: the first 1,000 calls of a
// month free, then 0.001 a call (gold 0.002), and 0.10 per started MiB of responses.
// It is rule source like any other plan, compiled by the server, so it is priced by the same engine.

/** Source of the default plan (`price:rulemart-default:v1`). */
export const DEFAULT_PLAN_SOURCE = `apiVersion: rulemart/v1
kind: PricingTier
metadata:
  name: rulemart-default
  version: 1.0.0
  title: Default per-call price
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
        - { upTo: 1000, unit: 0 }
        - { unit: "if sla == 'gold' then 0.002 else 0.001" }
    - name: egress
      quantity: usage.responseKB
      mode: package
      package: { size: 1024, price: 0.1 }
`;
