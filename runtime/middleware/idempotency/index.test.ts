// Idempotency middleware: one execution per key, the first response replayed, 422 for another body,
// 409 while the first runs, failures not stored, keys per tenant.
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { idempotency } from './index.ts';
import { SqliteIdempotencyStore } from '../../../billing/sqlite/idempotency-store.ts';
import { createTestDatabase } from '../../../billing/sqlite/test-db.ts';
import { fakeCaller } from '../../../billing/testing.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function setup(opts: { required?: boolean; slow?: Promise<void> } = {}) {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  const clock = { t: 1_000_000 };
  let runs = 0;
  const a = new Hono<Env>();
  a.post('/x', fakeCaller(), idempotency({ store: new SqliteIdempotencyStore(t.db), required: opts.required, now: () => clock.t }), async (c) => {
    runs++;
    if (opts.slow) await opts.slow;
    const status = Number(c.req.header('x-status') ?? 201);
    c.header('X-Rulemart-Version', '1.2.3');
    return c.json({ run: runs }, status as 201);
  });
  return { a, clock, runs: () => runs };
}
const call = (a: Hono<Env>, key: string | null, body = '{"input":1}', headers: Record<string, string> = {}) =>
  a.request('/x', { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...headers }, body });

describe('idempotency', () => {
  it('runs once and replays the first status, body and version to retries', async () => {
    const { a, runs } = setup();
    const first = await call(a, 'order-1');
    expect(first.status).toBe(201);
    const again = await call(a, 'order-1');
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ run: 1 });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-rulemart-version')).toBe('1.2.3');
    expect(again.headers.get('content-type')).toMatch(/application\/json/);
    expect(runs()).toBe(1);
    expect((await call(a, null)).status).toBe(201); // no key: no idempotency
    expect((await call(a, 'order-1', '{"input":1}', { 'x-test-tenant': 't2' })).status).toBe(201); // keys are per tenant
    expect(runs()).toBe(3);
  });

  it('answers 422 idempotency-mismatch for the same key with another body', async () => {
    const { a } = setup();
    await call(a, 'k');
    const r = await call(a, 'k', '{"input":2}');
    expect(r.status).toBe(422);
    expect(((await r.json()) as { code: string }).code).toBe('idempotency-mismatch');
  });

  it('runs once among concurrent requests with one key; the others get 409 while it runs', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const { a, runs } = setup({ slow });
    const pending = Array.from({ length: 20 }, () => call(a, 'same'));
    await new Promise((r) => setTimeout(r, 50));
    release();
    const res = await Promise.all(pending);
    expect(runs()).toBe(1);
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    const busy = res.filter((r) => r.status === 409);
    expect(busy).toHaveLength(19);
    expect(busy[0]!.headers.get('retry-after')).toBe('1');
    expect((await call(a, 'same')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('does not store failures, so a retry runs again; a stored 4xx is replayed', async () => {
    const { a, runs } = setup();
    expect((await call(a, 'k', '{}', { 'x-status': '500' })).status).toBe(500);
    expect((await call(a, 'k', '{}')).status).toBe(201);
    expect(runs()).toBe(2);
    expect((await call(a, 'k2', '{}', { 'x-status': '409' })).status).toBe(409);
    expect((await call(a, 'k2', '{}')).status).toBe(409);
    expect(runs()).toBe(3);
  });

  it('forgets a key after 24 hours; validates keys; requires one when told to', async () => {
    const { a, clock, runs } = setup();
    await call(a, 'k');
    clock.t += 86_400_000;
    expect((await call(a, 'k', '{"other":true}')).status).toBe(201);
    expect(runs()).toBe(2);
    expect((await call(a, 'bad key with spaces')).status).toBe(400);
    expect((await call(a, 'x'.repeat(256))).status).toBe(400);
    const strict = setup({ required: true });
    const r = await call(strict.a, null);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: string }).code).toBe('idempotency-key-required');
  });
});
