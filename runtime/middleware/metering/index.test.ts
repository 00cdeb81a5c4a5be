// Metering middleware: one durable event per billable unit with the fields API.md lists, none for
// failures (counted as errors instead), one per successful batch input, 503 when events cannot be
// written, and a retried key never billed twice.
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { batchUnitsOf, metering } from './index.ts';
import { idempotency } from '../idempotency/index.ts';
import { createSqliteBillingStores } from '../../../billing/sqlite/index.ts';
import { createTestDatabase } from '../../../billing/sqlite/test-db.ts';
import { fakeCaller } from '../../../billing/testing.ts';
import { problemBody } from '../../problem.ts';
import type { UsageStore } from '../../../billing/stores.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
const NOW = Date.UTC(2026, 10, 11, 1, 2, 3);
const ALL = { from: 0, to: NOW + 1 };

function setup() {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  const stores = createSqliteBillingStores(t.db);
  const a = new Hono<Env>();
  const execute = (c: any) => {
    const status = Number(c.req.header('x-status') ?? 200);
    if (status !== 200) return c.json({ code: 'x' }, status);
    c.set('units', 1);
    c.set('output', { applied: true, discount: '1.00' });
    return c.json({ applied: true, discount: '1.00' });
  };
  a.post('/skus/:sku/execute', fakeCaller(), idempotency({ store: stores.idempotency, now: () => NOW }), metering({ usage: stores.usage, now: () => NOW }), execute);
  a.post('/skus/:sku/batch', fakeCaller(), metering({ usage: stores.usage, unitsOf: batchUnitsOf, now: () => NOW }), async (c) => {
    const body = (await c.req.json()) as { inputs: number[] };
    const results = body.inputs.map((n) => (n < 0 ? problemBody(400, 'invalid-input', 'negative') : { n }));
    c.set('output', results);
    c.set('units', results.filter((r) => !('code' in r)).length);
    return c.json({ results });
  });
  return { a, stores, db: t.db };
}
const post = (a: Hono<Env>, path: string, body: string, headers: Record<string, string> = {}) =>
  a.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers }, body });

describe('metering', () => {
  it('writes one event with every field for a successful call, before the response', async () => {
    const { a, stores } = setup();
    const r = await post(a, '/skus/promo:flash:v1/execute', '{"input":{}}', { 'x-test-sla': 'silver' });
    expect(r.status).toBe(200);
    const events = await stores.usage.list(ALL);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenant: 't1', keyId: 'k1', sku: 'promo:flash:v1', version: '1.0.0', at: new Date(NOW).toISOString(), units: 1,
      requestBytes: 12, responseBytes: JSON.stringify({ applied: true, discount: '1.00' }).length, status: 200, sla: 'silver', canary: false,
    });
    expect(typeof events[0]!.id).toBe('string');
    expect(events[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('counts the executor time the validation middleware spent before it (execute and batch)', async () => {
    const t = createTestDatabase();
    cleanups.push(t.cleanup);
    const stores = createSqliteBillingStores(t.db);
    const a = new Hono<Env>();
    const ran = { result: { ok: true as const, output: {} }, ms: 250 };
    a.post('/skus/:sku/execute', fakeCaller(), async (c, next) => { c.set('run', ran); await next(); }, metering({ usage: stores.usage, now: () => NOW }), (c) => {
      c.set('units', 1);
      c.set('output', {});
      return c.json({});
    });
    a.post('/skus/:sku/batch', fakeCaller(), async (c, next) => { c.set('batch', [{ ok: true, value: 1, run: ran }, { ok: true, value: 2, run: ran }]); await next(); },
      metering({ usage: stores.usage, unitsOf: batchUnitsOf, now: () => NOW }), (c) => {
        c.set('output', [{ n: 1 }, { n: 2 }]);
        c.set('units', 2);
        return c.json({ results: [{ n: 1 }, { n: 2 }] });
      });
    expect((await post(a, '/skus/promo:flash:v1/execute', '{"input":{}}')).status).toBe(200);
    expect((await post(a, '/skus/promo:flash:v1/batch', '{"inputs":[1,2]}')).status).toBe(200);
    const events = await stores.usage.list(ALL);
    expect(events).toHaveLength(3);
    // 250 ms before metering for the call; 2 x 250 ms shared by the batch's two events.
    for (const e of events) expect(e.latencyMs).toBeGreaterThanOrEqual(250);
  });

  it('bills nothing for a failure and counts it as an error', async () => {
    const { a, stores } = setup();
    expect((await post(a, '/skus/promo:flash:v1/execute', '{}', { 'x-status': '500' })).status).toBe(500);
    expect(await stores.usage.list(ALL)).toHaveLength(0);
    const buckets = await stores.usage.series({ from: 0, to: NOW + 3_600_000 }, 'hour');
    expect(buckets.map((b) => [b.sku, b.calls, b.errors])).toEqual([['promo:flash:v1', 0, 1]]);
  });

  it('writes one event per successful batch input with that input\'s sizes', async () => {
    const { a, stores } = setup();
    const r = await post(a, '/skus/promo:flash:v1/batch', JSON.stringify({ inputs: [1, -1, 22, 333] }));
    expect(r.status).toBe(200);
    const events = await stores.usage.list(ALL);
    expect(events.map((e) => [e.requestBytes, e.responseBytes])).toEqual([[1, 7], [2, 8], [3, 9]]);
    const [bucket] = await stores.usage.series({ from: 0, to: NOW + 3_600_000 }, 'hour');
    expect(bucket).toMatchObject({ calls: 3, errors: 1 });
  });

  it('bills a key once even when it runs again after its claim was lost', async () => {
    const { a, stores, db } = setup();
    expect((await post(a, '/skus/promo:flash:v1/execute', '{"input":1}', { 'idempotency-key': 'o-1' })).status).toBe(200);
    // Simulate a crash after the event was written but before the response was stored.
    db.prepare("UPDATE idempotency_keys SET state = 'in-progress', locked_until = 0").run();
    expect((await post(a, '/skus/promo:flash:v1/execute', '{"input":1}', { 'idempotency-key': 'o-1' })).status).toBe(200);
    expect((await post(a, '/skus/promo:flash:v1/execute', '{"input":1}', { 'idempotency-key': 'o-1' })).headers.get('idempotent-replayed')).toBe('true');
    expect(await stores.usage.list(ALL)).toHaveLength(1);
  });

  it('answers 503 instead of an unbilled success when events cannot be written', async () => {
    const broken: UsageStore = {
      append: async () => { throw new Error('disk full'); },
      recordErrors: async () => undefined,
      summarize: async () => [], series: async () => [], list: async () => [],
    };
    const a = new Hono<Env>();
    a.post('/skus/:sku/execute', fakeCaller(), metering({ usage: broken }), (c) => {
      c.set('units', 1);
      c.set('output', {});
      return c.json({});
    });
    const r = await post(a, '/skus/promo:flash:v1/execute', '{}');
    expect(r.status).toBe(503);
    expect(((await r.json()) as { code: string }).code).toBe('metering-unavailable');
  });
});
