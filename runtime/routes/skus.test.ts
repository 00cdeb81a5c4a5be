// The SKU detail's price plan: resolved as the invoice resolves it (as the SKU's owner sees it) and
// priced on an example month per SLA tier, also for a buyer who may not read the plan itself.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let t: TestServer;
let owner: string;
let buyer: string;
const PLAN = readFileSync(new URL('../../examples/api-standard.yaml', import.meta.url), 'utf8').replace('name: api-standard', 'name: house-plan');

beforeAll(async () => {
  t = await startTestServer();
  ({ key: owner } = await t.tenant('seller'));
  ({ key: buyer } = await t.tenant('buyer'));
  expect((await t.call(owner, 'POST', '/v1/publish', PLAN)).status).toBe(201);
  expect((await t.call(owner, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'planned', extra: 'billing:\n  plan: house-plan\n' }))).status).toBe(201);
  expect((await t.call(owner, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'unplanned' }))).status).toBe(201);
});
afterAll(() => t.close());

async function detail(key: string, sku: string) {
  const res = await t.call(key, 'GET', `/v1/skus/${sku}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { pricePlan: { name: string | null; sku: string | null; example: any } };
}

describe('GET /v1/skus/{sku} pricePlan', () => {
  it('a buyer sees the owner\'s private plan by name and its price for an example month, not its source', async () => {
    const { pricePlan } = await detail(buyer, 'promo:planned:v1');
    expect(pricePlan.name).toBe('house-plan');
    expect(pricePlan.sku).toBe('price:house-plan:v1');
    // 50,000 calls: 1,000 free, 49,000 x 0.01 = 490.00; 25,000 KB = 25 started packages of 1024 KB x 0.1 = 2.50.
    expect(pricePlan.example).toMatchObject({
      usage: { calls: 50000, responseKB: '25000' },
      plan: { sku: 'price:house-plan:v1', version: '1.0.0' },
      tiers: [
        { sla: 'bronze', currency: 'CNY', total: '492.50' },
        { sla: 'silver', currency: 'CNY', total: '591.00' },
        { sla: 'gold', currency: 'CNY', total: '738.75' },
      ],
    });
    expect(pricePlan.example.tiers[0].meters.map((m: { name: string }) => m.name)).toEqual(['calls', 'response']);
    expect((await t.call(buyer, 'GET', '/v1/skus/price:house-plan:v1')).status).toBe(404);
  });

  it('the owner sees the same plan and the same example', async () => {
    expect((await detail(owner, 'promo:planned:v1')).pricePlan).toEqual((await detail(buyer, 'promo:planned:v1')).pricePlan);
  });

  it('a SKU without a plan shows the built-in default plan\'s price (it is not free)', async () => {
    const { pricePlan } = await detail(buyer, 'promo:unplanned:v1');
    expect(pricePlan.name).toBeNull();
    expect(pricePlan.sku).toBeNull();
    // 49,000 paid calls x 0.001 (gold 0.002) + 25 packages x 0.10.
    expect(pricePlan.example).toMatchObject({
      plan: { sku: 'price:rulemart-default:v1' },
      tiers: [{ sla: 'bronze', total: '51.50' }, { sla: 'silver', total: '51.50' }, { sla: 'gold', total: '100.50' }],
    });
  });

  it('another tenant publishing a public PricingTier of the same name and a higher major changes nothing', async () => {
    const hijack = PLAN.replace('version: 1.0.0', 'version: 2.0.0').replace('- { upTo: 100000, unit: 0.01 }', '- { upTo: 100000, unit: 1000 }');
    const res = await t.call(buyer, 'POST', '/v1/publish?visibility=public', hijack);
    expect(res.status).toBe(201);
    expect(JSON.stringify(await res.json())).toContain('price:house-plan:v2');
    const { pricePlan } = await detail(owner, 'promo:planned:v1');
    expect(pricePlan.sku).toBe('price:house-plan:v1');
    expect(pricePlan.example.tiers[0].total).toBe('492.50');
  });
});

describe('GET /v1/skus/{sku} rollout', () => {
  it("only the owner sees the canary's tenants, channels and percent; others see the versions (QA F21)", async () => {
    expect((await t.call(owner, 'POST', '/v1/publish', promoDoc({ name: 'unplanned', version: '1.1.0', discount: '31' }))).status).toBe(201);
    const canary = { version: '1.1.0', percent: 5, tenants: ['buyer'], channels: ['internal-beta-acme'] };
    expect((await t.call(owner, 'PUT', '/v1/skus/promo:unplanned:v1/rollout', { stable: '1.0.0', canary })).status).toBe(200);
    const rolloutOf = async (key: string) => ((await (await t.call(key, 'GET', '/v1/skus/promo:unplanned:v1')).json()) as { rollout: unknown }).rollout;
    expect(await rolloutOf(owner)).toEqual({ stable: '1.0.0', canary });
    const { key: stranger } = await t.tenant('stranger');
    expect(await rolloutOf(stranger)).toEqual({ stable: '1.0.0', canary: { version: '1.1.0' } });
    expect(await rolloutOf(buyer)).toEqual({ stable: '1.0.0', canary: { version: '1.1.0' } });
    expect((await t.call(owner, 'PUT', '/v1/skus/promo:unplanned:v1/rollout', { stable: '1.1.0' })).status).toBe(200);
    expect(await rolloutOf(stranger)).toEqual({ stable: '1.1.0', canary: null });
  });
});
