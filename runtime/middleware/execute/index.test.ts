// The execute chain end to end: output as the body, headers, input and body errors, the
// subscription's params, trace, batch, promotions apply and the metrics they leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOpenApi31 } from '../../openapi/validate.ts';
import { cart, promoDoc } from '../../testing/docs.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';

let t: TestServer;
let owner: string;
let buyer: string;
const SKU = 'promo:exec:v1';
const exec = (k: string, body: unknown, sku = SKU) => t.call(k, 'POST', `/v1/skus/${sku}/execute`, body);

beforeAll(async () => {
  t = await startTestServer();
  owner = (await t.tenant('owner')).key;
  buyer = (await t.tenant('buyer')).key;
  const text = [
    promoDoc({ name: 'exec' }),
    promoDoc({ name: 'stack', discount: '5' }),
    promoDoc({ name: 'lonely', discount: '7' }).replace('combinesWith: [order]', 'combinesWith: []').replace('class: order', 'class: item'),
  ].join('---\n');
  const pub = await t.call(owner, 'POST', '/v1/publish?visibility=public', text);
  expect(pub.status).toBe(201);
  for (const [k, sku, params] of [[owner, SKU, {}], [buyer, SKU, { threshold: 50 }], [buyer, 'promo:stack:v1', {}], [buyer, 'promo:lonely:v1', {}]] as const) {
    expect((await t.call(k, 'POST', '/v1/subscriptions', { sku, sla: 'silver', params })).status).toBe(201);
  }
});
afterAll(() => t.close());

describe('execute', () => {
  it('answers the executor output with X-Request-Id and X-Rulemart-Version', async () => {
    const res = await exec(owner, { input: cart(120, 1) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-rulemart-version')).toBe('1.0.0');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ sku: SKU, version: '1.0.0', applied: true, subtotal: '120.00', discount: '30.00', total: '90.00' });
  });

  it('400 invalid-input with every problem as a JSON pointer under /input', async () => {
    const res = await exec(owner, { input: { cart: { items: [{ sku: 'A', price: 'ten', qty: 1.5 }] } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('invalid-input');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['/input/cart/items/0/price', '/input/cart/items/0/qty']);
  });

  it('400 for a body that is not JSON, lacks input, or has bad options', async () => {
    const notJson = await t.call(owner, 'POST', `/v1/skus/${SKU}/execute`, '{"input":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'invalid-json' });
    expect(await (await exec(owner, { inputs: [] })).json()).toMatchObject({ code: 'invalid-body' });
    const opts = await exec(owner, { input: cart(), options: { now: 'yesterday', trace: 'yes', debug: true } });
    expect(opts.status).toBe(400);
    expect(await opts.json()).toMatchObject({ code: 'invalid-options', errors: [{ path: '/options/debug' }, { path: '/options/now' }, { path: '/options/trace' }] });
  });

  it('params and options errors point into the request body (RFC 6901 tokens)', async () => {
    const params = await exec(owner, { input: cart(), options: { params: { threshold: 'abc', zz: 1 } } });
    expect(params.status).toBe(400);
    const body = (await params.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('invalid-params');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['/options/params/threshold', '/options/params/zz']);
    expect(await (await exec(owner, { input: cart(), options: { 'x/y~z': 1 } })).json()).toMatchObject({ errors: [{ path: '/options/x~1y~0z' }] });
    expect(await (await exec(owner, { input: cart(), options: { now: '2026-11-11T00:00:00' } })).json()).toMatchObject({ code: 'invalid-options', errors: [{ path: '/options/now' }] });
  });

  it('uses the subscription\'s params under the call\'s own', async () => {
    expect(await (await exec(owner, { input: cart(60) })).json()).toMatchObject({ applied: false, reason: 'no-rule' });
    expect(await (await exec(buyer, { input: cart(60) })).json()).toMatchObject({ applied: true, discount: '30.00' });
    expect(await (await exec(buyer, { input: cart(60), options: { params: { threshold: 70 } } })).json()).toMatchObject({ applied: false });
    const badParams = await exec(buyer, { input: cart(60), options: { params: { threshold: 'many' } } });
    expect(badParams.status).toBe(400);
  });

  it('adds the trace when asked', async () => {
    const body = (await (await exec(owner, { input: cart(120), options: { trace: true } })).json()) as { trace: unknown[] };
    expect(Array.isArray(body.trace)).toBe(true);
  });
});

describe('batch', () => {
  it('answers one result per input, a problem in place of a bad one', async () => {
    const res = await t.call(owner, 'POST', `/v1/skus/${SKU}/batch`, { inputs: [cart(120), cart('x'), cart(10)] });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-rulemart-version')).toBe('1.0.0');
    const { results } = (await res.json()) as { results: Record<string, unknown>[] };
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ applied: true, discount: '30.00' });
    expect(results[1]).toMatchObject({ status: 400, code: 'invalid-input', errors: [{ path: '/cart/items/0/price' }] });
    expect(results[2]).toMatchObject({ applied: false });
  });

  it('400 when inputs is not an array or too long', async () => {
    expect((await t.call(owner, 'POST', `/v1/skus/${SKU}/batch`, { inputs: {} })).status).toBe(400);
    const tooMany = await t.call(owner, 'POST', `/v1/skus/${SKU}/batch`, { inputs: Array.from({ length: 1001 }, () => 0) });
    expect(await tooMany.json()).toMatchObject({ code: 'batch-too-large' });
  });
});

describe('promotions apply', () => {
  it('combines the subscribed promotions by class and combinesWith', async () => {
    const res = await t.call(buyer, 'POST', '/v1/promotions/apply', { input: cart(200) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { applied: string[]; skipped: { sku: string; reason: string }[]; discount: string };
    expect(body.applied.sort()).toEqual(['promo:exec:v1', 'promo:stack:v1']);
    expect(body.skipped).toEqual([{ sku: 'promo:lonely:v1', reason: 'not-combinable' }]);
    expect(body.discount).toBe('35.00');
    expect(res.headers.get('x-rulemart-version')).toContain('promo:exec:v1=1.0.0');
  });

  it('applies only the listed SKUs; unknown or unsubscribed ones are refused', async () => {
    const only = (await (await t.call(buyer, 'POST', '/v1/promotions/apply', { input: cart(200), skus: ['promo:lonely:v1'] })).json()) as { applied: string[] };
    expect(only.applied).toEqual(['promo:lonely:v1']);
    expect((await t.call(buyer, 'POST', '/v1/promotions/apply', { input: cart(200), skus: ['promo:none:v1'] })).status).toBe(404);
    expect((await t.call(owner, 'POST', '/v1/promotions/apply', { input: cart(200), skus: ['promo:stack:v1'] })).status).toBe(403);
    expect((await t.call(buyer, 'POST', '/v1/promotions/apply', { input: cart(200), strategy: 'cheapest' })).status).toBe(400);
    expect((await t.call(buyer, 'POST', '/v1/promotions/apply', { input: cart('x') })).status).toBe(400);
  });
});

describe('promotions apply errors, as execute reports them', () => {
  it('a rule failing on valid input is 422 evaluation-error; a bad input is 400 with pointers under /input', async () => {
    const divz = promoDoc({ name: 'divz' }).replace('when: subtotal >= threshold', 'when: subtotal / cart.items.size() > 1');
    expect((await t.call(owner, 'POST', '/v1/publish', divz)).status).toBe(201);
    expect((await t.call(owner, 'POST', '/v1/subscriptions', { sku: 'promo:divz:v1', sla: 'silver' })).status).toBe(201);
    const failing = await t.call(owner, 'POST', '/v1/promotions/apply', { input: { cart: { items: [] } }, skus: ['promo:divz:v1'] });
    expect(failing.status).toBe(422);
    expect(await failing.json()).toMatchObject({ code: 'evaluation-error' });
    const executed = await exec(owner, { input: { cart: { items: [] } } }, 'promo:divz:v1');
    expect(executed.status).toBe(422);
    const bad = await t.call(owner, 'POST', '/v1/promotions/apply', { input: { cart: { items: [{ sku: 'A', price: 'ten', qty: 1 }] } }, skus: ['promo:divz:v1'] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-input', errors: [{ path: '/input/cart/items/0/price' }] });
  });
});

describe('metrics after calls', () => {
  it('counts executions by SKU, version and status and sums the discount exactly', async () => {
    const text = await (await t.call(null, 'GET', '/metrics')).text();
    expect(text).toMatch(/rulemart_executions_total\{sku="promo:exec:v1",status="200",version="1.0.0"\} \d+/);
    expect(text).toMatch(/rulemart_executions_total\{sku="promo:exec:v1",status="400",version="1.0.0"\} \d+/);
    expect(text).toMatch(/rulemart_execution_duration_seconds_bucket\{sku="promo:exec:v1",version="1.0.0",le="\+Inf"\} \d+/);
    const m = /rulemart_discount_granted_total\{sku="promo:exec:v1"\} (\d+\.\d\d)/.exec(text);
    expect(m).not.toBeNull();
    expect(Number(m![1]) % 30).toBe(0);
  });
});

describe('openapi with compiled SKUs', () => {
  it('the document built from real compiled schemas validates as OpenAPI 3.1', async () => {
    const doc = (await (await t.call(null, 'GET', '/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/skus/promo:exec:v1/execute', '/v1/skus/promo:lonely:v1/execute', '/v1/skus/promo:stack:v1/execute']);
    expect(validateOpenApi31(doc)).toEqual([]);
  });
});
