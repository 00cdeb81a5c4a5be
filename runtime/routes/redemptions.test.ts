// Redemptions over HTTP: 300 concurrent redeems never oversell stock, a customer's limit or a budget;
// retries with the order id are safe; releases give back exactly once; limits shows what is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../billing/decimal.ts';
import { cart, limitedPromotion, startBillingServer, type BillingTestServer } from '../../billing/http-testing.ts';

let t: BillingTestServer;
beforeAll(async () => {
  t = await startBillingServer();
  await t.publish([
    limitedPromotion('three-left', '    redemptions: 3\n    customer: ${user.id}'),
    limitedPromotion('once-each', '    redemptions: 100\n    perCustomer: 1\n    customer: ${user.id}'),
    limitedPromotion('small-budget', '    budget: 100', 'subtotal * 7%'),
    limitedPromotion('params-stock', '    redemptions: stock', '1', 'params:\n  stock: int = 2\n'),
  ].join('---\n'));
}, 120_000);
afterAll(() => t?.close());

const redeem = (sku: string, key: string | null, body: unknown) =>
  t.as('POST', `/v1/promotions/${sku}/redeem`, body, key ? { 'idempotency-key': key } : {});

describe('POST /v1/promotions/{sku}/redeem', () => {
  it('lets exactly 3 of 300 concurrent redeems through a stock of 3; the others are sold-out', async () => {
    const res = await Promise.all(Array.from({ length: 300 }, (_, i) => redeem('promo:three-left:v1', `order-${i}`, cart(`u-${i}`))));
    const wins = res.filter((r) => r.status === 201);
    expect(wins).toHaveLength(3);
    const losers = res.filter((r) => r.status === 409);
    expect(losers).toHaveLength(297);
    expect(new Set(await Promise.all(losers.map(async (r) => ((await r.json()) as { code: string }).code)))).toEqual(new Set(['sold-out']));
    const body = (await wins[0]!.json()) as { redemption: { id: string }; result: { applied: boolean } };
    expect(body.redemption.id).toMatch(/^rdm_/);
    expect(body.result.applied).toBe(true);
    const left = (await (await t.as('GET', '/v1/promotions/promo:three-left:v1/limits')).json()) as { redemptions: unknown };
    expect(left.redemptions).toEqual({ total: 3, held: 3, remaining: 0 });
  });

  it('lets one customer win at most once with perCustomer 1', async () => {
    const res = await Promise.all(Array.from({ length: 300 }, (_, i) => redeem('promo:once-each:v1', `o-${i}`, cart(`c-${i % 10}`))));
    expect(res.filter((r) => r.status === 201)).toHaveLength(10);
    const codes = await Promise.all(res.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as { code: string }).code));
    expect(codes).toHaveLength(290);
    expect(new Set(codes)).toEqual(new Set(['customer-limit']));
  });

  it('never grants more than the budget, and releases bring the numbers back exactly', async () => {
    const prices = Array.from({ length: 300 }, (_, i) => 50 + (i % 37) * 3);
    const res = await Promise.all(prices.map((p, i) => redeem('promo:small-budget:v1', `b-${i}`, cart(`x-${i}`, p))));
    const wins = await Promise.all(res.filter((r) => r.status === 201).map((r) => r.json() as Promise<{ redemption: { id: string; amount: string } }>));
    const granted = wins.reduce((s, w) => s.plus(w.redemption.amount), new Decimal(0));
    expect(granted.lte(100)).toBe(true);
    expect(res.some((r) => r.status === 409)).toBe(true);
    const limits = async () => (await (await t.as('GET', '/v1/promotions/promo:small-budget:v1/limits')).json()) as { budget: { total: string; held: string; remaining: string } };
    expect((await limits()).budget).toEqual({ total: '100.00', held: granted.toFixed(2), remaining: new Decimal(100).minus(granted).toFixed(2) });
    for (const w of wins) {
      const r = await t.as('POST', `/v1/redemptions/${w.redemption.id}/release`);
      expect(((await r.json()) as { released: boolean }).released).toBe(true);
    }
    const again = await t.as('POST', `/v1/redemptions/${wins[0]!.redemption.id}/release`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { released: boolean }).released).toBe(false);
    expect((await limits()).budget).toEqual({ total: '100.00', held: '0.00', remaining: '100.00' });
  });

  it('makes a retried order safe and requires the Idempotency-Key', async () => {
    const first = await redeem('promo:params-stock:v1', 'order-A', cart('p-1'));
    const retry = await redeem('promo:params-stock:v1', 'order-A', cart('p-1'));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(await first.json());
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await redeem('promo:params-stock:v1', 'order-A', cart('p-2'));
    expect(other.status).toBe(422);
    const none = await redeem('promo:params-stock:v1', null, cart('p-3'));
    expect(none.status).toBe(400);
    expect(((await none.json()) as { code: string }).code).toBe('idempotency-key-required');
    // The stock comes from the `stock` param (default 2): one more fits, then sold out.
    expect((await redeem('promo:params-stock:v1', 'order-B', cart('p-4'))).status).toBe(201);
    expect((await redeem('promo:params-stock:v1', 'order-C', cart('p-5'))).status).toBe(409);
    // A call's own params cannot raise the stock it is counted against (QA G3).
    const raised = { ...cart('p-6'), options: { params: { stock: 100 } } };
    expect((await redeem('promo:params-stock:v1', 'order-D', raised)).status).toBe(409);
    expect(((await (await t.as('GET', '/v1/promotions/promo:params-stock:v1/limits')).json()) as { redemptions: unknown }).redemptions).toEqual({ total: 2, held: 2, remaining: 0 });
    const unknown = await t.as('POST', '/v1/redemptions/rdm_nope/release');
    expect(unknown.status).toBe(404);
  });
});
