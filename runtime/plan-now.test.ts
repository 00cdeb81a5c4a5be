// A price plan that reads `now` is run at the month's last instant, so the same month's invoice is
// the same whenever it is computed (QA G9: 3.00 at 15:39, 6.00 at 15:44 for the same calls).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../billing/period.ts';
import { cart, limitedPromotion, startBillingServer, type BillingTestServer } from '../billing/http-testing.ts';

const CLOCK_PLAN = `apiVersion: rulemart/v1
kind: PricingTier
metadata: { name: clock-plan, version: 1.0.0 }
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
        - { unit: "weekday(now)" }
`;

let t: BillingTestServer;
beforeAll(async () => {
  t = await startBillingServer();
  await t.publish(CLOCK_PLAN);
  await t.publish(limitedPromotion('clocked', '    customer: ${user.id}', '1', 'billing: { plan: clock-plan }\n'));
}, 120_000);
afterAll(() => t?.close());

describe('plans that read now', () => {
  it('price a month at its last instant', async () => {
    expect((await t.as('POST', '/v1/skus/promo:clocked:v1/execute', cart('u-1'))).status).toBe(200);
    const month = periodOf(Date.now());
    const [y, m] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 1) - 1);
    const isoWeekday = last.getUTCDay() === 0 ? 7 : last.getUTCDay();
    const inv = (await (await t.as('GET', `/v1/invoices/${month}`)).json()) as { lines: { sku: string; amount: string }[] };
    expect(inv.lines.find((l) => l.sku === 'promo:clocked:v1')!.amount).toBe(`${isoWeekday}.00`);
  });
});
