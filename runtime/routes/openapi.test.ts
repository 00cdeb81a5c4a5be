// /openapi.json validates as OpenAPI 3.1, has one path per visible SKU with its schemas and the
// x-billing-* fields, hides other tenants' private SKUs; /docs renders it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVersion } from '../../catalog/store.suite.ts';
import { validateOpenApi31 } from '../openapi/validate.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { promoDoc } from '../testing/docs.ts';

let t: TestServer;
let owner: string;
let other: string;
const inputSchema = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:x',
  type: 'object',
  required: ['cart'],
  properties: { cart: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/$defs/Item' } } } } },
  $defs: { Item: { type: 'object', required: ['sku', 'price', 'qty'], properties: { sku: { type: 'string' }, price: { type: ['number', 'string'] }, qty: { type: 'integer' } } } },
});
const outputSchema = JSON.stringify({ type: 'object', properties: { discount: { type: 'string' } }, required: ['discount'] });
const manifest = JSON.stringify({ billing: { tier: 'premium', rateLimit: '100/s', quotaScope: 'api-key', plan: 'api-standard' } });

beforeAll(async () => {
  t = await startTestServer();
  owner = (await t.tenant('owner')).key;
  other = (await t.tenant('other')).key;
  await t.server.store.insertVersions([
    sampleVersion('promo:pub:v1', '1.0.0', 'owner', { visibility: 'public', inputSchema, outputSchema, manifest }),
    sampleVersion('promo:secret:v1', '1.0.0', 'owner', { inputSchema, outputSchema, manifest }),
  ]);
});
afterAll(() => t.close());

describe('openapi', () => {
  it('is valid OpenAPI 3.1 with one path per public SKU and the billing fields', async () => {
    const doc = (await (await t.call(null, 'GET', '/openapi.json')).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(validateOpenApi31(doc)).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(['/v1/skus/promo:pub:v1/execute']);
    const op = doc.paths['/v1/skus/promo:pub:v1/execute'].post;
    expect(op).toMatchObject({ 'x-billing-tier': 'premium', 'x-billing-rate-limit': '100/s', 'x-billing-quota-scope': 'api-key' });
    expect(op.requestBody.content['application/json'].schema.properties.input).toEqual({ $ref: '#/components/schemas/promo_pub_v1.Input' });
    expect(doc.components.schemas['promo_pub_v1.Input'].properties.cart.properties.items.items).toEqual({ $ref: '#/components/schemas/promo_pub_v1.Item' });
    expect(doc.components.schemas['promo_pub_v1.Input']).not.toHaveProperty('$id');
  });

  it('with a key, also shows the tenant\'s own private SKUs, never another\'s', async () => {
    const mine = (await (await t.call(owner, 'GET', '/openapi.json')).json()) as any;
    expect(Object.keys(mine.paths).sort()).toEqual(['/v1/skus/promo:pub:v1/execute', '/v1/skus/promo:secret:v1/execute']);
    expect(validateOpenApi31(mine)).toEqual([]);
    const theirs = (await (await t.call(other, 'GET', '/openapi.json')).json()) as any;
    expect(Object.keys(theirs.paths)).toEqual(['/v1/skus/promo:pub:v1/execute']);
  });

  it('the validator does catch an invalid document', () => {
    expect(validateOpenApi31({ openapi: '3.0.0', paths: {} }).length).toBeGreaterThan(0);
    expect(validateOpenApi31({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } } }, components: { schemas: {} } })).toEqual(['dangling $ref to Nope']);
  });

  it('is built once per catalog version: kept until a publish or rollout changes the catalog', async () => {
    const store = t.server.store as { listSkus: (...a: unknown[]) => Promise<unknown> };
    const listSkus = store.listSkus;
    let builds = 0;
    store.listSkus = (...a) => (builds++, listSkus.apply(store, a));
    try {
      const first = await (await t.call(null, 'GET', '/openapi.json')).text();
      expect(await (await t.call(null, 'GET', '/openapi.json')).text()).toBe(first);
      await t.call(null, 'GET', '/docs');
      await t.call(null, 'GET', '/docs');
      const afterFirst = builds;
      expect(afterFirst).toBeLessThanOrEqual(1);
      const pub = await t.call(owner, 'POST', '/v1/publish?visibility=public', promoDoc({ name: 'fresh' }));
      expect(pub.status).toBe(201);
      const doc = (await (await t.call(null, 'GET', '/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toContain('/v1/skus/promo:fresh:v1/execute');
      expect(builds).toBe(afterFirst + 1);
      expect(await (await t.call(null, 'GET', '/docs')).text()).toContain('promo:fresh:v1');
      expect(builds).toBe(afterFirst + 1);
    } finally {
      store.listSkus = listSkus;
    }
  });

  it('/docs renders the SKUs and the problem codes as HTML', async () => {
    const res = await t.call(null, 'GET', '/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('promo:pub:v1');
    expect(html).not.toContain('promo:secret:v1');
    expect(html).toContain('id="problem-breaking-change"');
  });
});
