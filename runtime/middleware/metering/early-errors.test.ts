// Every failed call of an entitled tenant counts in the usage report's `errors`, whether it was
// refused before metering (invalid JSON, input or options) or failed inside it (params), once each;
// calls to SKUs the tenant cannot call create no rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from '../../testing/docs.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';

let t: TestServer;
let key: string;
const SKU = 'promo:errs:v1';
beforeAll(async () => {
  t = await startTestServer();
  ({ key } = await t.tenant('errs'));
  expect((await t.call(key, 'POST', '/v1/publish', promoDoc({ name: 'errs' }))).status).toBe(201);
  expect((await t.call(key, 'POST', '/v1/subscriptions', { sku: SKU, sla: 'gold' })).status).toBe(201);
});
afterAll(() => t.close());

describe('usage errors', () => {
  it('counts each failed call once, wherever the chain refused it', async () => {
    const exec = (body: unknown) => t.call(key, 'POST', `/v1/skus/${SKU}/execute`, body, { 'content-type': 'application/json' });
    expect((await exec({ input: cart(150) })).status).toBe(200);
    expect((await exec({ input: { cart: { items: [{ sku: 'A', price: 'x', qty: 1 }] } } })).status).toBe(400); // invalid input
    expect((await exec('{"input":')).status).toBe(400); // invalid JSON
    expect((await exec({ input: cart(), options: { now: 'yesterday' } })).status).toBe(400); // invalid options
    expect((await exec({ input: cart(), options: { params: { nope: 1 } } })).status).toBe(400); // params (inside metering)
    expect((await t.call(key, 'POST', '/v1/skus/promo:nobody:v1/execute', { input: cart() })).status).toBe(404); // not counted
    const usage = (await (await t.call(key, 'GET', '/v1/usage?granularity=hour')).json()) as { totals: { calls: number; errors: number }; buckets: { sku: string }[] };
    expect(usage.totals).toMatchObject({ calls: 1, errors: 4 });
    expect(usage.buckets.every((b) => b.sku === SKU)).toBe(true);
  });
});
