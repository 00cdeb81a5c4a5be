// An SLA tier the operator adds (PUT /admin/sla-tiers/{new name}) can be subscribed to, and its
// quota, slow-call threshold and pricing follow the tier table (QA F25). A plan whose `sla` input
// does not accept the tier leaves the line unpriced with an error, never priced as another tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../../billing/period.ts';
import { cart, limitedPromotion, startBillingServer, type BillingTestServer } from '../../billing/http-testing.ts';

const OPEN_PLAN = `apiVersion: rulemart/v1
kind: PricingTier
metadata: { name: any-tier, version: 1.0.0 }
input:
  usage: { calls: int, responseKB: decimal }
  sla: string
spec:
  currency: CNY
  meters:
    - name: calls
      quantity: usage.calls
      mode: graduated
      tiers:
        - { unit: "if sla == 'platinum' then 2 else 1" }
`;

let t: BillingTestServer;
const month = periodOf(Date.now());
beforeAll(async () => {
  t = await startBillingServer();
  await t.publish(OPEN_PLAN);
  await t.publish(limitedPromotion('open-plan', '    customer: ${user.id}', '1', 'billing: { plan: any-tier }\n'));
  await t.publish(limitedPromotion('default-plan', '    customer: ${user.id}', '1'));
}, 120_000);
afterAll(() => t?.close());

const subscribe = (sku: string, sla: string) => t.as('POST', '/v1/subscriptions', { sku, sla });
const exec = (sku: string, user: string) => t.as('POST', `/v1/skus/${sku}/execute`, cart(user));

describe('an operator-added SLA tier', () => {
  it('is refused until the operator defines it; the error lists the tiers', async () => {
    const res = await subscribe('promo:open-plan:v1', 'platinum');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-body', errors: [{ path: '/sla', message: 'expected an SLA tier: bronze, silver, gold' }] });
    // Inherited object keys are not tiers.
    expect((await subscribe('promo:open-plan:v1', 'constructor')).status).toBe(400);
  });

  it('once defined, can be subscribed to; its quota is enforced and the invoice prices or flags each line', async () => {
    expect((await t.admin('PUT', '/admin/sla-tiers/platinum', { monthlyQuota: 3, latencyMs: 50, creditPercent: '20', creditOverRatio: '0' })).status).toBe(200);
    const sub = await subscribe('promo:open-plan:v1', 'platinum');
    expect(sub.status).toBe(200);
    expect(await sub.json()).toMatchObject({ sku: 'promo:open-plan:v1', sla: 'platinum' });
    expect((await subscribe('promo:default-plan:v1', 'platinum')).status).toBe(200);

    expect([await exec('promo:open-plan:v1', 'a'), await exec('promo:open-plan:v1', 'b'), await exec('promo:open-plan:v1', 'c')].map((r) => r.status)).toEqual([200, 200, 200]);
    const over = await exec('promo:open-plan:v1', 'd');
    expect(over.status).toBe(402);
    expect(await over.json()).toMatchObject({ code: 'quota-exceeded', limit: 3, used: 3 });
    expect((await exec('promo:default-plan:v1', 'e')).status).toBe(200);

    const inv = (await (await t.as('GET', `/v1/invoices/${month}`)).json()) as { complete: boolean; lines: Record<string, unknown>[] };
    const open = inv.lines.find((l) => l.sku === 'promo:open-plan:v1')!;
    // Priced by the plan with sla "platinum" (2 per call), threshold and credit from the tier table.
    expect(open).toMatchObject({ sla: 'platinum', calls: 3, amount: '6.00', latencyThresholdMs: 50, plan: { sku: 'price:any-tier:v1' } });
    expect(open.error).toBeUndefined();
    // The built-in default plan's `sla` is enum(bronze, silver, gold): it cannot price the tier.
    const dflt = inv.lines.find((l) => l.sku === 'promo:default-plan:v1')!;
    expect(dflt).toMatchObject({ sla: 'platinum', calls: 1, amount: null, total: null, latencyThresholdMs: 50 });
    expect(dflt.error).toMatch(/could not price this line.*sla/);
    expect(inv.complete).toBe(false);
  });

  it('shows in the SKU detail\'s price example: priced by a plan that knows it, "not priced" by one that does not', async () => {
    const open = (await (await t.as('GET', '/v1/skus/promo:open-plan:v1')).json()) as { pricePlan: { example: { tiers: Record<string, unknown>[] } } };
    expect(open.pricePlan.example.tiers.map((r) => r.sla)).toEqual(['bronze', 'silver', 'gold', 'platinum']);
    // 50,000 calls at 2 each under platinum, 1 each otherwise.
    expect(open.pricePlan.example.tiers.map((r) => r.total)).toEqual(['50000.00', '50000.00', '50000.00', '100000.00']);
    const dflt = (await (await t.as('GET', '/v1/skus/promo:default-plan:v1')).json()) as { pricePlan: { example: { tiers: Record<string, unknown>[] } } };
    const platinum = dflt.pricePlan.example.tiers.find((r) => r.sla === 'platinum')!;
    expect(platinum).toMatchObject({ currency: null, total: null });
    expect(platinum.error).toEqual(expect.any(String));
    expect(dflt.pricePlan.example.tiers.find((r) => r.sla === 'gold')).toMatchObject({ total: '100.50' });
  });
});
