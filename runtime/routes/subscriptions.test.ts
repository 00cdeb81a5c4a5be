// Subscriptions over HTTP: create, replace, list, delete; visibility; params checked against the SKU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVersion } from '../../catalog/store.suite.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let t: TestServer;
let owner: string;
let buyer: string;
const paramsSchema = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { threshold: { type: ['number', 'string'] } },
  additionalProperties: false,
});
beforeAll(async () => {
  t = await startTestServer();
  owner = (await t.tenant('owner')).key;
  buyer = (await t.tenant('buyer')).key;
  await t.server.store.insertVersions([
    sampleVersion('promo:pub:v1', '1.0.0', 'owner', { visibility: 'public', paramsSchema }),
    sampleVersion('promo:secret:v1', '1.0.0', 'owner'),
  ]);
});
afterAll(() => t.close());

describe('subscriptions', () => {
  it('201 on create, 200 on replace, listed, 204 on delete, then 404', async () => {
    const created = await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'silver', params: { threshold: 100 } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ sku: 'promo:pub:v1', sla: 'silver', params: { threshold: 100 } });
    const replaced = await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'gold' });
    expect(replaced.status).toBe(200);
    const list = (await (await t.call(buyer, 'GET', '/v1/subscriptions')).json()) as { subscriptions: unknown[] };
    expect(list.subscriptions).toEqual([expect.objectContaining({ sku: 'promo:pub:v1', sla: 'gold', params: {} })]);
    expect((await t.call(buyer, 'DELETE', '/v1/subscriptions/promo:pub:v1')).status).toBe(204);
    const again = await t.call(buyer, 'DELETE', '/v1/subscriptions/promo:pub:v1');
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'not-subscribed' });
  });

  it('400 for a bad SLA, bad params shape or params outside the SKU\'s params', async () => {
    const bad = await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'platinum', params: [] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-body', errors: [{ path: '/sla' }, { path: '/params' }] });
    const unknownParam = await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'bronze', params: { nope: 1 } });
    expect(unknownParam.status).toBe(400);
    expect(await unknownParam.json()).toMatchObject({ code: 'invalid-params', errors: [{ path: '/params/nope', message: 'unknown param' }] });
    const oddKey = await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'bronze', params: { 'a/b~c': 1 } });
    expect(await oddKey.json()).toMatchObject({ errors: [{ path: '/params/a~1b~0c', message: 'unknown param' }] });
  });

  it('a private SKU of another tenant is a 404, the owner may subscribe to its own', async () => {
    const other = await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:secret:v1', sla: 'bronze' });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'unknown-sku' });
    expect((await t.call(owner, 'POST', '/v1/subscriptions', { sku: 'promo:secret:v1', sla: 'bronze' })).status).toBe(201);
    expect((await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:nothing:v1', sla: 'bronze' })).status).toBe(404);
  });

  it('subscriptions are per tenant', async () => {
    await t.call(owner, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'bronze' });
    const mine = (await (await t.call(buyer, 'GET', '/v1/subscriptions')).json()) as { subscriptions: { sku: string }[] };
    expect(mine.subscriptions.map((s) => s.sku)).not.toContain('promo:secret:v1');
    expect((await t.call(buyer, 'DELETE', '/v1/subscriptions/promo:secret:v1')).status).toBe(404);
    const ownerList = (await (await t.call(owner, 'GET', '/v1/subscriptions')).json()) as { subscriptions: { sku: string }[] };
    expect(ownerList.subscriptions.map((s) => s.sku).sort()).toEqual(['promo:pub:v1', 'promo:secret:v1']);
  });
});
