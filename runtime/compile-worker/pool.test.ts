// The compile worker: publish, check and preview answer as in-process compiling does, and while a
// big check runs on the worker the server keeps answering other requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart, promoDoc } from '../testing/docs.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { CompileWorker } from './pool.ts';

let t: TestServer;
let key: string;
beforeAll(async () => {
  t = await startTestServer({ compileWorker: true });
  ({ key } = await t.tenant('worker'));
});
afterAll(() => t.close());

describe('compile worker', () => {
  it('publish, check and preview work through the worker thread', async () => {
    expect((await t.call(key, 'POST', '/v1/publish', promoDoc({ name: 'via-worker' }))).status).toBe(201);
    expect((await t.call(key, 'POST', '/v1/subscriptions', { sku: 'promo:via-worker:v1', sla: 'gold' })).status).toBe(201);
    expect(await (await t.call(key, 'POST', '/v1/skus/promo:via-worker:v1/execute', { input: cart(150) })).json()).toMatchObject({ discount: '30.00' });
    const check = await t.call(key, 'POST', '/v1/check', promoDoc({ name: 'broken' }).replace('subtotal >= threshold', 'subtotal >= "x"'));
    expect(check.status).toBe(200);
    expect(((await check.json()) as { code: string }[]).map((d) => d.code)).toEqual(['E2003']);
    const preview = await t.call(key, 'POST', '/v1/preview', { source: promoDoc({ name: 'pv' }), input: cart(100) });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ sku: 'promo:pv:v1', output: { discount: '30.00' } });
  });

  it('a big check on the worker does not hold other requests: /healthz answers before it', async () => {
    const rules = Array.from({ length: 2500 }, (_, i) => `    - name: r${i}\n      when: subtotal >= ${i} and cart.items.size() > 0\n      then: { orderDiscount: 1 }`).join('\n');
    const big = promoDoc({ name: 'big' }).replace(/  rules:\n[\s\S]*$/, `  rules:\n${rules}\n`);
    const order: string[] = [];
    const checking = t.call(key, 'POST', '/v1/check', big).then(async (r) => {
      order.push('check');
      return r.status;
    });
    await new Promise((r) => setTimeout(r, 50));
    const health = t.call(null, 'GET', '/healthz').then((r) => {
      order.push('healthz');
      return r.status;
    });
    expect(await Promise.all([checking, health])).toEqual([200, 200]);
    expect(order).toEqual(['healthz', 'check']);
  });

  it('a job past the time limit is stopped with an error and the next job runs on a fresh worker', async () => {
    const pool = new CompileWorker(1);
    try {
      await expect(pool.run({ op: 'check', text: promoDoc(), file: 'a.yaml' })).rejects.toThrow(/longer than 1 ms|stopped/);
      const slow = new CompileWorker(60_000);
      const r = await slow.run<{ diagnostics: unknown[] }>({ op: 'check', text: promoDoc(), file: 'a.yaml' });
      expect(r.diagnostics).toEqual([]);
      await slow.close();
    } finally {
      await pool.close();
    }
  });
});
