// No input, however broken, crashes the server or makes it answer 500: random bodies, paths and
// headers against every tenant and operator endpoint, then the server still answers.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from './testing/docs.ts';
import { startTestServer, type TestServer } from './testing/harness.ts';

let t: TestServer;
let key: string;
beforeAll(async () => {
  t = await startTestServer();
  key = (await t.tenant('fuzz')).key;
  expect((await t.call(key, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'fuzzed' }))).status).toBe(201);
  await t.call(key, 'POST', '/v1/subscriptions', { sku: 'promo:fuzzed:v1', sla: 'gold' });
});
afterAll(() => t.close());

const ENDPOINTS: [string, string][] = [
  ['POST', '/v1/skus/promo:fuzzed:v1/execute'],
  ['POST', '/v1/skus/promo:fuzzed:v1/batch'],
  ['POST', '/v1/promotions/apply'],
  ['POST', '/v1/subscriptions'],
  ['PUT', '/v1/skus/promo:fuzzed:v1/rollout'],
  ['POST', '/v1/preview'],
  ['POST', '/admin/tenants'],
  ['POST', '/admin/tenants/fuzz/keys'],
  ['PUT', '/admin/tenants/fuzz/skus/promo:fuzzed:v1'],
  ['GET', '/v1/skus?kind=%00&q=%25%5F'],
];

const jsonish = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ input: fc.jsonValue(), options: fc.jsonValue(), inputs: fc.array(fc.jsonValue(), { maxLength: 3 }), skus: fc.jsonValue(), sku: fc.jsonValue(), sla: fc.jsonValue(), params: fc.jsonValue(), stable: fc.jsonValue(), canary: fc.jsonValue(), enabled: fc.jsonValue(), scopes: fc.jsonValue(), id: fc.jsonValue(), name: fc.jsonValue(), source: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constant('{"input": {"cart": {"items": [{"sku": "A", "price": "1e999999", "qty": 9007199254740993}]}}}'),
  fc.constant('{"__proto__": {"polluted": true}, "input": {"constructor": {"prototype": {"x": 1}}}}'),
);

describe('robustness', () => {
  it('answers every random request with a non-5xx status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), jsonish, fc.boolean(), async ([method, path], body, admin) => {
        const res = await t.call(admin ? t.adminToken : key, method, path, method === 'GET' ? undefined : body, { 'content-type': 'application/json' });
        const text = await res.text();
        expect(res.status, `${method} ${path} ${body} -> ${text}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json');
      }),
      { numRuns: 150 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The fuzzer may have hit the kill switch with `{ "enabled": false }` (a valid request): switch
    // the SKU back on, then the server must still execute normally.
    expect((await t.call(t.adminToken, 'PUT', '/admin/tenants/fuzz/skus/promo:fuzzed:v1', { enabled: true })).status).toBeLessThan(300);
    const ok = await t.call(key, 'POST', '/v1/skus/promo:fuzzed:v1/execute', { input: cart(120) });
    expect(ok.status).toBe(200);
  });

  it('odd paths and headers are problems, not crashes', async () => {
    for (const path of ['/v1/skus/%E0%A4%A/execute', '/v1/skus/' + 'x'.repeat(5000), '/v1/skus//execute', '/admin/keys/%00']) {
      const res = await t.call(key, 'POST', path, '{}');
      expect(res.status).toBeLessThan(500);
    }
    const weird = await t.call(null, 'GET', '/v1/skus', undefined, { authorization: 'Bearer ' + 'k'.repeat(10000) });
    expect(weird.status).toBe(401);
  });
});
