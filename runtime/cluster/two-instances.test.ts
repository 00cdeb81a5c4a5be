// Two runtime instances on two ports over the same PostgreSQL schema and Redis prefix: a publish
// through one is served by the other, a key revoked through one is refused by the other on the next
// request, and (with billing wired) redemption stock and rate limits hold across both.
// Fails — never skips — when PostgreSQL or Redis is not reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, freshPrefix, openTestRedis, TEST_REDIS_URL } from '../../billing/redis/testing.ts';
import { dropSchema, freshSchemaName, openTestPg, urlWithSchema } from '../../catalog/pg/testing.ts';
import { cart, promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

let a: TestServer;
let b: TestServer;
const schema = freshSchemaName();
const prefix = freshPrefix();

beforeAll(async () => {
  // Loud failures first: both services must be there.
  await (await openTestPg()).drop();
  (await openTestRedis()).disconnect();
  const options = { databaseUrl: urlWithSchema(schema), redisUrl: TEST_REDIS_URL, redisPrefix: prefix };
  // Started together: the second must wait for the first's migrations, not race them.
  [a, b] = await Promise.all([startTestServer(options), startTestServer(options)]);
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await dropSchema(schema);
  await dropPrefix(await openTestRedis(), prefix);
});

describe('two instances over PostgreSQL and Redis', () => {
  it('runs on PostgreSQL, not on a SQLite file', () => {
    expect(a.server.sqlite).toBeUndefined();
    expect(a.server.port).not.toBe(b.server.port);
  });

  it('serves through one what was published through the other, and sees a new version at once', async () => {
    const owner = await a.tenant('acme');
    const first = await a.call(owner.key, 'POST', '/v1/publish', promoDoc({ name: 'shared' }));
    expect(first.status).toBe(201);
    expect((await b.call(owner.key, 'POST', '/v1/subscriptions', { sku: 'promo:shared:v1', sla: 'gold' })).status).toBe(201);
    const run = await b.call(owner.key, 'POST', '/v1/skus/promo:shared:v1/execute', { input: cart(120) });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ sku: 'promo:shared:v1', version: '1.0.0', discount: '30.00' });
    // B has the SKU cached now; a new version published through A must reach it on the next call.
    expect((await a.call(owner.key, 'POST', '/v1/publish', promoDoc({ name: 'shared', version: '1.1.0', discount: '40' }))).status).toBe(201);
    const again = await b.call(owner.key, 'POST', '/v1/skus/promo:shared:v1/execute', { input: cart(120) });
    expect(again.headers.get('x-rulemart-version')).toBe('1.1.0');
    expect(await again.json()).toMatchObject({ discount: '40.00' });
  });

  it('refuses on one instance a key revoked through the other, on the very next request', async () => {
    await a.tenant('revokee');
    for (let round = 0; round < 5; round++) {
      const k = await a.key('revokee', ['read']);
      // Warm B's key cache with the key.
      expect((await b.call(k.key, 'GET', '/v1/skus')).status).toBe(200);
      expect((await a.admin('DELETE', `/admin/keys/${k.keyId}`)).status).toBeLessThan(300);
      expect((await b.call(k.key, 'GET', '/v1/skus')).status).toBe(401);
      expect((await a.call(k.key, 'GET', '/v1/skus')).status).toBe(401);
    }
  });

  it('applies a kill switch set through one instance on the other', async () => {
    const owner = await a.tenant('switchy');
    expect((await a.call(owner.key, 'POST', '/v1/publish', promoDoc({ name: 'switched' }))).status).toBe(201);
    expect((await a.call(owner.key, 'POST', '/v1/subscriptions', { sku: 'promo:switched:v1', sla: 'gold' })).status).toBe(201);
    expect((await b.call(owner.key, 'POST', '/v1/skus/promo:switched:v1/execute', { input: cart(120) })).status).toBe(200);
    expect((await a.admin('PUT', '/admin/tenants/switchy/skus/promo:switched:v1', { enabled: false })).status).toBeLessThan(300);
    expect((await b.call(owner.key, 'POST', '/v1/skus/promo:switched:v1/execute', { input: cart(120) })).status).toBe(403);
  });

  it('gives exactly 3 wins to 300 concurrent redeems spread over both instances', async () => {
    const owner = await a.tenant('flash');
    const doc = promoDoc({ name: 'stock', extra: '' }).replace('  rules:', '  limits: { redemptions: 3 }\n  rules:');
    expect((await a.call(owner.key, 'POST', '/v1/publish', doc)).status).toBe(201);
    expect((await a.call(owner.key, 'POST', '/v1/subscriptions', { sku: 'promo:stock:v1', sla: 'gold' })).status).toBe(201);
    const statuses = await Promise.all(Array.from({ length: 300 }, (_, i) =>
      (i % 2 ? a : b).call(owner.key, 'POST', '/v1/promotions/promo:stock:v1/redeem', { input: cart(120) }, { 'idempotency-key': `order-${i}` })
        .then(async (res) => ({ status: res.status, code: res.status === 201 ? null : ((await res.json()) as { code?: string }).code }))));
    expect(statuses.filter((s) => s.status === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s.status === 409 && s.code === 'sold-out')).toHaveLength(297);
    const left = await b.call(owner.key, 'GET', '/v1/promotions/promo:stock:v1/limits');
    expect(await left.json()).toMatchObject({ redemptions: { total: 3, held: 3, remaining: 0 } });
  });

  it('holds a rate limit of N per second across both instances', async () => {
    const owner = await a.tenant('limited');
    const doc = promoDoc({ name: 'limited' }).replace('types:', 'billing: { rateLimit: 5/s }\ntypes:');
    expect((await a.call(owner.key, 'POST', '/v1/publish', doc)).status).toBe(201);
    expect((await a.call(owner.key, 'POST', '/v1/subscriptions', { sku: 'promo:limited:v1', sla: 'gold' })).status).toBe(201);
    // 3 waves of 20 concurrent calls, alternating instances. A call is admitted somewhere between
    // its send and its answer, so any 6 admitted calls must span more than a second from the
    // earliest send to the latest answer — however slow the machine is.
    const admitted: { sent: number; answered: number }[] = [];
    let refused = 0;
    for (let wave = 0; wave < 3; wave++) {
      await Promise.all(Array.from({ length: 20 }, async (_, i) => {
        const sent = performance.now();
        const res = await (i % 2 ? a : b).call(owner.key, 'POST', '/v1/skus/promo:limited:v1/execute', { input: cart(120) });
        const answered = performance.now();
        if (res.status === 200) {
          admitted.push({ sent, answered });
          expect(res.headers.get('ratelimit-limit')).toBe('5');
        } else {
          expect(res.status).toBe(429);
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          refused++;
        }
        await res.arrayBuffer();
      }));
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(admitted.length).toBeGreaterThanOrEqual(5);
    expect(refused).toBeGreaterThan(0);
    admitted.sort((x, y) => x.sent - y.sent);
    for (let i = 0; i < admitted.length; i++) {
      const later = admitted.slice(i).map((c) => c.answered).sort((x, y) => x - y);
      if (later.length >= 6) expect(later[5]! - admitted[i]!.sent).toBeGreaterThan(1000);
    }
  });

  it('reports ready only while PostgreSQL and Redis answer', async () => {
    expect((await b.call(null, 'GET', '/readyz')).status).toBe(200);
  });
});
