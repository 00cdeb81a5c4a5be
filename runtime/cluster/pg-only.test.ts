// Two instances over PostgreSQL alone (no Redis): invalidations travel over LISTEN/NOTIFY, so a key
// revoked through one is refused by the other on the next request and a new version is served at
// once; redemption stock holds across both on PostgreSQL row locks.
// Fails — never skips — when PostgreSQL is not reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, freshSchemaName, openTestPg, urlWithSchema } from '../../catalog/pg/testing.ts';
import { cart, promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let a: TestServer;
let b: TestServer;
const schema = freshSchemaName();

beforeAll(async () => {
  await (await openTestPg()).drop();
  [a, b] = await Promise.all([startTestServer({ databaseUrl: urlWithSchema(schema) }), startTestServer({ databaseUrl: urlWithSchema(schema) })]);
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await dropSchema(schema);
});

describe('two instances over PostgreSQL without Redis', () => {
  it('refuses on one instance a key revoked through the other, and serves a new version at once', async () => {
    const owner = await a.tenant('acme');
    await a.tenant('revokee');
    for (let round = 0; round < 3; round++) {
      const k = await a.key('revokee', ['read']);
      expect((await b.call(k.key, 'GET', '/v1/skus')).status).toBe(200);
      expect((await a.admin('DELETE', `/admin/keys/${k.keyId}`)).status).toBeLessThan(300);
      expect((await b.call(k.key, 'GET', '/v1/skus')).status).toBe(401);
    }
    expect((await a.call(owner.key, 'POST', '/v1/publish', promoDoc({ name: 'pgonly' }))).status).toBe(201);
    expect((await b.call(owner.key, 'POST', '/v1/subscriptions', { sku: 'promo:pgonly:v1', sla: 'gold' })).status).toBe(201);
    expect(await (await b.call(owner.key, 'POST', '/v1/skus/promo:pgonly:v1/execute', { input: cart(120) })).json()).toMatchObject({ version: '1.0.0' });
    expect((await a.call(owner.key, 'POST', '/v1/publish', promoDoc({ name: 'pgonly', version: '1.0.1', discount: '40' }))).status).toBe(201);
    const again = await b.call(owner.key, 'POST', '/v1/skus/promo:pgonly:v1/execute', { input: cart(120) });
    expect(await again.json()).toMatchObject({ version: '1.0.1', discount: '40.00' });
  });

  it('gives exactly 3 wins to 60 concurrent redeems over both', async () => {
    const owner = await a.tenant('flash');
    const doc = promoDoc({ name: 'pgstock' }).replace('  rules:', '  limits: { redemptions: 3 }\n  rules:');
    expect((await a.call(owner.key, 'POST', '/v1/publish', doc)).status).toBe(201);
    expect((await a.call(owner.key, 'POST', '/v1/subscriptions', { sku: 'promo:pgstock:v1', sla: 'gold' })).status).toBe(201);
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      (i % 2 ? a : b).call(owner.key, 'POST', '/v1/promotions/promo:pgstock:v1/redeem', { input: cart(120) }, { 'idempotency-key': `o-${i}` }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(57);
  });
});
