// Liveness, readiness, metrics text, unknown endpoints and the body limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ bodyLimit: 4096 });
});
afterAll(() => t.close());

describe('health', () => {
  it('healthz and readyz answer 200', async () => {
    expect(await (await t.call(null, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await t.call(null, 'GET', '/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('metrics are Prometheus text', async () => {
    const res = await t.call(null, 'GET', '/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('# TYPE rulemart_executions_total counter');
    expect(text).toContain('# TYPE rulemart_execution_duration_seconds histogram');
    expect(text).toContain('# TYPE rulemart_discount_granted_total counter');
  });

  it('without the admin token, metrics leave out every series of a SKU that is not public', async () => {
    const { key } = await t.tenant('metered');
    expect((await t.call(key, 'POST', '/v1/publish', promoDoc({ name: 'hidden-deal' }))).status).toBe(201);
    expect((await t.call(key, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'open-deal' }))).status).toBe(201);
    for (const sku of ['promo:hidden-deal:v1', 'promo:open-deal:v1']) {
      expect((await t.call(key, 'POST', '/v1/subscriptions', { sku, sla: 'gold' })).status).toBe(201);
      expect((await t.call(key, 'POST', `/v1/skus/${sku}/execute`, { input: cart(150) })).status).toBe(200);
    }
    const open = await (await t.call(null, 'GET', '/metrics')).text();
    expect(open).toContain('rulemart_executions_total{sku="promo:open-deal:v1"');
    expect(open).toContain('rulemart_discount_granted_total{sku="promo:open-deal:v1"}');
    expect(open).not.toContain('hidden-deal');
    expect(open).toContain('# TYPE rulemart_executions_total counter');
    const asTenant = await (await t.call(key, 'GET', '/metrics')).text();
    expect(asTenant).not.toContain('hidden-deal');
    const operator = await (await t.call(t.adminToken, 'GET', '/metrics')).text();
    expect(operator).toContain('rulemart_executions_total{sku="promo:hidden-deal:v1"');
    expect(operator).toContain('rulemart_discount_granted_total{sku="promo:hidden-deal:v1"} 30.00');
  });

  it('unknown endpoints are a 404 problem', async () => {
    const res = await t.call(null, 'GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'not-found' });
  });

  it('413 for a body over the limit, with or without Content-Length', async () => {
    const { key } = await t.tenant('big');
    const big = 'x'.repeat(5000);
    const res = await t.call(key, 'POST', '/v1/publish', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload-too-large', limit: 4096 });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await fetch(`${t.url}/v1/check`, { method: 'POST', body: stream, headers: { authorization: `Bearer ${key}` }, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});
