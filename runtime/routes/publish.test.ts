// Publishing over HTTP: server-side compile, 201/200/409/422 as API.md says, atomic per file,
// breaking changes within a major; plus check and preview, which store nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let t: TestServer;
let key: string;
let other: string;
beforeAll(async () => {
  t = await startTestServer();
  key = (await t.tenant('acme')).key;
  other = (await t.tenant('beta')).key;
});
afterAll(() => t.close());

const publish = (k: string, text: string, query = '') => t.call(k, 'POST', `/v1/publish${query}`, text);

describe('publish', () => {
  it('201 with [{ sku, version, sourceHash }], then a 200 no-op for the same source', async () => {
    const res = await publish(key, promoDoc({ name: 'p1' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { sku: string; version: string; sourceHash: string }[];
    expect(body).toEqual([{ sku: 'promo:p1:v1', version: '1.0.0', sourceHash: expect.stringMatching(/^[0-9a-f]{64}$/), status: 'created' }]);
    const again = await publish(key, promoDoc({ name: 'p1' }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual([{ ...body[0], status: 'unchanged' }]);
  });

  it('409 version-exists for other source under an existing version', async () => {
    await publish(key, promoDoc({ name: 'p2' }));
    const res = await publish(key, promoDoc({ name: 'p2', discount: '35' }));
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'version-exists', sku: 'promo:p2:v1', version: '1.0.0' });
  });

  it('422 with diagnostics for bad source, and nothing stored', async () => {
    const res = await publish(key, promoDoc({ name: 'p3', discount: 'subtotal + "x"' }), '?file=rules/p3.yaml');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; diagnostics: { file: string; line: number; code: string; severity: string }[] };
    expect(body.code).toBe('compile-error');
    expect(body.diagnostics.length).toBeGreaterThan(0);
    expect(body.diagnostics[0]).toMatchObject({ file: 'rules/p3.yaml', severity: 'error', line: expect.any(Number), code: expect.stringMatching(/^E\d{4}$/) });
    expect(await t.server.store.getSku('promo:p3:v1')).toBeNull();
    expect((await publish(key, '')).status).toBe(422);
  });

  it('is atomic: a file with one bad document publishes nothing', async () => {
    const text = `${promoDoc({ name: 'good-one' })}---\n${promoDoc({ name: 'bad-one', discount: 'nope.nope' })}`;
    const res = await publish(key, text);
    expect(res.status).toBe(422);
    expect(await t.server.store.getSku('promo:good-one:v1')).toBeNull();
    const both = await publish(key, `${promoDoc({ name: 'good-one' })}---\n${promoDoc({ name: 'good-two' })}`);
    expect(both.status).toBe(201);
    expect(((await both.json()) as { sku: string }[]).map((x) => x.sku)).toEqual(['promo:good-one:v1', 'promo:good-two:v1']);
  });

  it('409 breaking-change when a minor removes, retypes or adds a required input field; widening is fine', async () => {
    const v1 = promoDoc({ name: 'p4', input: '  user: { level: string, id: string }' });
    expect((await publish(key, v1)).status).toBe(201);
    const removed = await publish(key, promoDoc({ name: 'p4', version: '1.1.0', input: '  user: { level: string }' }));
    expect(removed.status).toBe(409);
    expect(await removed.json()).toMatchObject({ code: 'breaking-change', changes: [{ path: '/user/id', message: 'removed' }] });
    const retyped = await publish(key, promoDoc({ name: 'p4', version: '1.0.1', input: '  user: { level: int, id: string }' }));
    expect(await retyped.json()).toMatchObject({ code: 'breaking-change', changes: [{ path: '/user/level' }] });
    const required = await publish(key, promoDoc({ name: 'p4', version: '1.1.0', input: '  user: { level: string, id: string }\n  channel: string' }));
    expect(await required.json()).toMatchObject({ code: 'breaking-change', changes: [{ path: '/channel' }] });
    const widened = await publish(key, promoDoc({ name: 'p4', version: '1.1.0', input: '  user: { level: string, id: string }\n  channel: string?' }));
    expect(widened.status).toBe(201);
    // A new major is a new SKU and may change anything.
    expect((await publish(key, promoDoc({ name: 'p4', version: '2.0.0' }))).status).toBe(201);
  });

  it('409 sku-taken when another tenant owns the SKU id', async () => {
    await publish(key, promoDoc({ name: 'p5' }));
    const res = await publish(other, promoDoc({ name: 'p5', version: '1.0.1' }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'sku-taken' });
  });

  it('concurrent publishes of one new version: one creates, the others are no-ops or conflicts', async () => {
    const same = await Promise.all([1, 2, 3].map(() => publish(key, promoDoc({ name: 'race' }))));
    expect(same.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const differ = await Promise.all(['40', '41'].map((d) => publish(key, promoDoc({ name: 'race2', discount: d }))));
    expect(differ.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await t.server.store.listVersions('promo:race2:v1')).length).toBe(1);
  });

  it('the marketplace lists own and public SKUs, by kind and text', async () => {
    const all = (await (await t.call(other, 'GET', '/v1/skus?kind=&q=')).json()) as { skus: { sku: string }[] };
    expect(all.skus.every((s) => !s.sku.startsWith('promo:p1'))).toBe(true);
    expect((await t.call(key, 'GET', '/v1/skus?kind=Gadget')).status).toBe(400);
    const mine = (await (await t.call(key, 'GET', '/v1/skus?kind=Promotion&q=good-')).json()) as { skus: { sku: string; own: boolean }[] };
    expect(mine.skus.map((s) => s.sku)).toEqual(['promo:good-one:v1', 'promo:good-two:v1']);
    expect(mine.skus.every((s) => s.own)).toBe(true);
    // Each item carries the latest version's description and billing contract.
    const items = (await (await t.call(key, 'GET', '/v1/skus?kind=Promotion&q=good-one')).json()) as { skus: Record<string, unknown>[] };
    expect(items.skus[0]).toHaveProperty('description');
    expect(items.skus[0]).toMatchObject({ sku: 'promo:good-one:v1', billing: { tier: expect.any(String), quotaScope: expect.any(String) } });
  });

  it('400 for a bad visibility, 401 without a key', async () => {
    expect((await publish(key, promoDoc({ name: 'p6' }), '?visibility=everyone')).status).toBe(400);
    expect((await t.call(null, 'POST', '/v1/publish', promoDoc({ name: 'p6' }))).status).toBe(401);
  });
});

describe('check and preview', () => {
  it('check returns the diagnostics as JSON and stores nothing', async () => {
    const clean = await t.call(key, 'POST', '/v1/check', promoDoc({ name: 'c1' }));
    expect(clean.status).toBe(200);
    expect(await clean.json()).toEqual([]);
    const bad = await t.call(key, 'POST', '/v1/check?file=x.yaml', promoDoc({ name: 'c1', discount: 'nope' }));
    expect(await bad.json()).toEqual([expect.objectContaining({ file: 'x.yaml', severity: 'error', line: expect.any(Number), column: expect.any(Number), endLine: expect.any(Number), endColumn: expect.any(Number) })]);
    expect(await t.server.store.getSku('promo:c1:v1')).toBeNull();
  });

  it('preview compiles and runs once: output, trace and the TypeScript', async () => {
    const res = await t.call(key, 'POST', '/v1/preview', { source: promoDoc({ name: 'pv' }), input: cart(150) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { output: Record<string, unknown>; trace: unknown; typescript: string };
    expect(body.output).toMatchObject({ applied: true, discount: '30.00', total: '120.00' });
    expect(body.output).not.toHaveProperty('trace');
    expect(Array.isArray(body.trace)).toBe(true);
    expect(body.typescript).toContain('export const executor');
    expect(await t.server.store.getSku('promo:pv:v1')).toBeNull();
    const badInput = await t.call(key, 'POST', '/v1/preview', { source: promoDoc({ name: 'pv' }), input: cart('lots') });
    expect(badInput.status).toBe(400);
    expect(await badInput.json()).toMatchObject({ code: 'invalid-input', errors: [{ path: '/input/cart/items/0/price' }] });
    const badSource = await t.call(key, 'POST', '/v1/preview', { source: promoDoc({ discount: 'nope' }), input: cart() });
    expect(badSource.status).toBe(422);
    const unknownName = await t.call(key, 'POST', '/v1/preview', { source: promoDoc(), name: 'other', input: cart() });
    expect(unknownName.status).toBe(404);
  });
});
