// Rate limit middleware: no more than the limit per window, per tenant or per key, headers on every
// response, 429 with Retry-After past the limit, and 503 when the store fails.
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { rateLimit } from './index.ts';
import { SqliteRateLimitStore } from '../../../billing/sqlite/rate-limit-store.ts';
import { createTestDatabase } from '../../../billing/sqlite/test-db.ts';
import { fakeCaller, fixedBilling } from '../../../billing/testing.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function app(rate: string | null, scope: 'tenant' | 'api-key', clock: { t: number }) {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  const a = new Hono<Env>();
  a.post('/x', fakeCaller(), rateLimit({ store: new SqliteRateLimitStore(t.db), billingOf: fixedBilling(rate, scope), now: () => clock.t }), (c) => c.json({ ok: true }));
  return a;
}
const call = (a: Hono<Env>, headers: Record<string, string> = {}) => a.request('/x', { method: 'POST', headers });

describe('rateLimit', () => {
  it('lets through exactly the limit per window under concurrency, with headers on every response', async () => {
    const clock = { t: 1_000_000_250 };
    const a = app('10/s', 'tenant', clock);
    const res = await Promise.all(Array.from({ length: 30 }, () => call(a)));
    expect(res.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = res.filter((r) => r.status === 429);
    expect(refused).toHaveLength(20);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(refused[0]!.headers.get('content-type')).toBe('application/problem+json');
    expect(((await refused[0]!.json()) as { code: string }).code).toBe('rate-limited');
    for (const r of res) {
      expect(r.headers.get('ratelimit-limit')).toBe('10');
      expect(r.headers.get('ratelimit-reset')).toBe('1');
    }
    expect(res.filter((r) => r.status === 200).map((r) => Number(r.headers.get('ratelimit-remaining'))).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    clock.t += 750; // the next window
    expect((await call(a)).status).toBe(200);
  });

  it('counts per tenant across keys, or per key with quotaScope api-key', async () => {
    const clock = { t: 5_000_000 };
    const perTenant = app('2/m', 'tenant', clock);
    expect((await call(perTenant, { 'x-test-key': 'a' })).status).toBe(200);
    expect((await call(perTenant, { 'x-test-key': 'b' })).status).toBe(200);
    expect((await call(perTenant, { 'x-test-key': 'c' })).status).toBe(429);
    expect((await call(perTenant, { 'x-test-tenant': 't2' })).status).toBe(200);
    const perKey = app('2/m', 'api-key', clock);
    for (const k of ['a', 'a', 'b', 'b']) expect((await call(perKey, { 'x-test-key': k })).status).toBe(200);
    expect((await call(perKey, { 'x-test-key': 'a' })).status).toBe(429);
  });

  it('leaves a SKU without rateLimit alone, and fails closed when the store fails', async () => {
    const clock = { t: 0 };
    const free = app(null, 'tenant', clock);
    const r = await call(free);
    expect(r.status).toBe(200);
    expect(r.headers.get('ratelimit-limit')).toBeNull();
    const broken = new Hono<Env>();
    broken.post('/x', fakeCaller(), rateLimit({ store: { hit: async () => { throw new Error('down'); } }, billingOf: fixedBilling('5/s') }), (c) => c.json({}));
    expect((await call(broken)).status).toBe(503);
  });
});
