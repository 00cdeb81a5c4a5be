// Entitlement on the execute path: unknown and foreign private SKUs are 404, no subscription or a
// switched-off SKU is 403, and both take effect on the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVersion } from '../../../catalog/store.suite.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';

let t: TestServer;
let buyer: string;
beforeAll(async () => {
  t = await startTestServer();
  await t.tenant('owner');
  buyer = (await t.tenant('buyer')).key;
  await t.server.store.insertVersions([
    sampleVersion('promo:pub:v1', '1.0.0', 'owner', { visibility: 'public' }),
    sampleVersion('promo:secret:v1', '1.0.0', 'owner'),
  ]);
});
afterAll(() => t.close());

const exec = (key: string, sku: string) => t.call(key, 'POST', `/v1/skus/${sku}/execute`, { input: {} });

describe('entitlement', () => {
  it('404 for an unknown SKU and for another tenant\'s private SKU', async () => {
    const unknown = await exec(buyer, 'promo:none:v1');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'unknown-sku' });
    const secret = await exec(buyer, 'promo:secret:v1');
    expect(secret.status).toBe(404);
  });

  it('403 not-subscribed until subscribed', async () => {
    const res = await exec(buyer, 'promo:pub:v1');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'not-subscribed' });
  });

  it('403 sku-disabled as soon as the operator switches it off', async () => {
    expect((await t.call(buyer, 'POST', '/v1/subscriptions', { sku: 'promo:pub:v1', sla: 'bronze' })).status).toBe(201);
    await t.admin('PUT', '/admin/tenants/buyer/skus/promo:pub:v1', { enabled: false });
    const res = await exec(buyer, 'promo:pub:v1');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'sku-disabled' });
    // Switching back on lets the call through entitlement (this sample module is no executor, so
    // what follows is not a 403).
    await t.admin('PUT', '/admin/tenants/buyer/skus/promo:pub:v1', { enabled: true });
    expect((await exec(buyer, 'promo:pub:v1')).status).not.toBe(403);
    // Unsubscribing takes effect at once too.
    await t.call(buyer, 'DELETE', '/v1/subscriptions/promo:pub:v1');
    expect((await exec(buyer, 'promo:pub:v1')).status).toBe(403);
  });
});
