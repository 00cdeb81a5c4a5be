// Tenant isolation: a tenant cannot read, execute, subscribe to, roll out or even see another
// tenant's private SKU, nor its source, keys or subscriptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from './testing/docs.ts';
import { startTestServer, type TestServer } from './testing/harness.ts';

let t: TestServer;
let a: string;
let b: string;
let aKeyId: string;
const SECRET = 'promo:secret-plan:v1';
const PUBLIC = 'promo:open-plan:v1';

beforeAll(async () => {
  t = await startTestServer();
  ({ key: a, keyId: aKeyId } = await t.tenant('tenant-a'));
  ({ key: b } = await t.tenant('tenant-b'));
  expect((await t.call(a, 'POST', '/v1/publish', promoDoc({ name: 'secret-plan' }))).status).toBe(201);
  expect((await t.call(a, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'open-plan' }))).status).toBe(201);
  expect((await t.call(a, 'POST', '/v1/subscriptions', { sku: SECRET, sla: 'gold', params: { threshold: 10 } })).status).toBe(201);
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it('the marketplace shows B the public SKU only; A sees both', async () => {
    const forB = (await (await t.call(b, 'GET', '/v1/skus')).json()) as { skus: { sku: string }[] };
    expect(forB.skus.map((s) => s.sku)).toEqual([PUBLIC]);
    const forA = (await (await t.call(a, 'GET', '/v1/skus')).json()) as { skus: { sku: string }[] };
    expect(forA.skus.map((s) => s.sku).sort()).toEqual([PUBLIC, SECRET].sort());
    const search = (await (await t.call(b, 'GET', '/v1/skus?q=secret')).json()) as { skus: unknown[] };
    expect(search.skus).toEqual([]);
  });

  it('B gets 404 reading, executing, batching, subscribing to or rolling out A\'s private SKU', async () => {
    const statuses = await Promise.all([
      t.call(b, 'GET', `/v1/skus/${SECRET}`),
      t.call(b, 'POST', `/v1/skus/${SECRET}/execute`, { input: cart() }),
      t.call(b, 'POST', `/v1/skus/${SECRET}/batch`, { inputs: [cart()] }),
      t.call(b, 'POST', '/v1/subscriptions', { sku: SECRET, sla: 'gold' }),
      t.call(b, 'PUT', `/v1/skus/${SECRET}/rollout`, { stable: '1.0.0' }),
      t.call(b, 'POST', '/v1/promotions/apply', { input: cart(), skus: [SECRET] }),
    ]);
    for (const res of statuses) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'unknown-sku' });
    }
  });

  it('B cannot read A\'s source, even of a public SKU, nor see it in the OpenAPI document', async () => {
    const detail = (await (await t.call(b, 'GET', `/v1/skus/${PUBLIC}`)).json()) as Record<string, unknown>;
    expect(detail).not.toHaveProperty('source');
    expect(detail.sourceHash).toEqual(expect.any(String));
    const own = (await (await t.call(a, 'GET', `/v1/skus/${PUBLIC}`)).json()) as Record<string, unknown>;
    expect(own.source).toContain('open-plan');
    const doc = JSON.stringify(await (await t.call(b, 'GET', '/openapi.json')).json());
    expect(doc).not.toContain('secret-plan');
  });

  it('B cannot see or remove A\'s subscriptions, and its own list is empty', async () => {
    expect(await (await t.call(b, 'GET', '/v1/subscriptions')).json()).toEqual({ subscriptions: [] });
    expect((await t.call(b, 'DELETE', `/v1/subscriptions/${SECRET}`)).status).toBe(404);
    expect((await t.call(a, 'POST', `/v1/skus/${SECRET}/execute`, { input: cart(20) })).status).toBe(200);
  });

  it('B cannot reach keys at all: key management is the operator\'s, and A\'s key id does not help', async () => {
    expect((await t.call(b, 'GET', '/admin/tenants/tenant-a/keys')).status).toBe(401);
    expect((await t.call(b, 'DELETE', `/admin/keys/${aKeyId}`)).status).toBe(401);
    expect((await t.call(a, 'GET', '/v1/skus')).status).toBe(200);
  });

  it('B cannot publish into A\'s SKU id', async () => {
    const res = await t.call(b, 'POST', '/v1/publish', promoDoc({ name: 'secret-plan', version: '1.0.1' }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'sku-taken' });
  });
});
