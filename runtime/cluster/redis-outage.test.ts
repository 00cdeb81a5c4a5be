// What an instance does when Redis goes away (docs/scale-out.md, "When Redis is unreachable"):
// money limits, quotas and metering fail closed with a clear 503, readiness turns 503, catalog reads
// keep working — and once Redis is back, calls go through again. Redis is cut with a TCP proxy.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisUnavailableError, connectRedis } from '../../billing/redis/client.ts';
import { RedisRateLimitStore } from '../../billing/redis/rate-limit-store.ts';
import { dropPrefix, freshPrefix, openTestRedis, TEST_REDIS_URL } from '../../billing/redis/testing.ts';
import { dropSchema, freshSchemaName, openTestPg, urlWithSchema } from '../../catalog/pg/testing.ts';
import { cart, promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

/** A TCP proxy to the test Redis that can be cut and restored. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const target = new URL(TEST_REDIS_URL);
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); s.on('error', () => {}); }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    await new Promise<void>((resolve) => { this.server!.close(() => resolve()); for (const s of this.sockets) s.destroy(); });
  }
}

let t: TestServer;
let owner: string;
const proxy = new CuttableProxy();
const schema = freshSchemaName();
const prefix = freshPrefix();

beforeAll(async () => {
  await (await openTestPg()).drop();
  (await openTestRedis()).disconnect();
  await proxy.open();
  t = await startTestServer({ databaseUrl: urlWithSchema(schema), redisUrl: `redis://127.0.0.1:${proxy.port}`, redisPrefix: prefix });
  owner = (await t.tenant('outage')).key;
  const limited = promoDoc({ name: 'outage-stock' }).replace('  rules:', '  limits: { redemptions: 5 }\n  rules:');
  expect((await t.call(owner, 'POST', '/v1/publish', `${promoDoc({ name: 'outage' })}---\n${limited}`)).status).toBe(201);
  for (const sku of ['promo:outage:v1', 'promo:outage-stock:v1']) {
    expect((await t.call(owner, 'POST', '/v1/subscriptions', { sku, sla: 'gold' })).status).toBe(201);
  }
});

afterAll(async () => {
  await t?.close();
  await dropSchema(schema);
  await dropPrefix(await openTestRedis(), prefix);
});

describe('an instance whose Redis is unreachable', () => {
  it('fails closed with 503 for limits and metering, keeps catalog reads, and recovers', async () => {
    const execute = () => t.call(owner, 'POST', '/v1/skus/promo:outage:v1/execute', { input: cart(120) });
    const redeem = (k: string) => t.call(owner, 'POST', '/v1/promotions/promo:outage-stock:v1/redeem', { input: cart(120) }, { 'idempotency-key': k });
    const first = await execute();
    expect(first.status, await first.clone().text()).toBe(200);
    expect((await redeem('before')).status).toBe(201);

    await proxy.cut();
    const started = Date.now();
    const refused = await execute();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { code: string }).code).toMatch(/unavailable/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await redeem('during')).status).toBe(503);
    expect((await t.call(null, 'GET', '/readyz')).status).toBe(503);
    expect((await t.call(owner, 'GET', '/v1/skus')).status).toBe(200);

    await proxy.open();
    const until = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < until && (status = (await execute()).status) !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(status).toBe(200);
    expect((await redeem('after')).status).toBe(201);
    expect((await t.call(null, 'GET', '/readyz')).status).toBe(200);
  });

  it('rejects store calls with RedisUnavailableError instead of hanging', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', { commandTimeoutMs: 500 });
    try {
      await expect(new RedisRateLimitStore(dead, 'x:').hit('k', 1, 1000, 0)).rejects.toBeInstanceOf(RedisUnavailableError);
    } finally {
      dead.disconnect();
    }
  });
});
