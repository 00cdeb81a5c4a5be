// Quota middleware: stops exactly at the tier's monthly quota, gives back what was not billed (failed
// calls, replays, failed batch inputs), admits a batch whole or not at all, and leaves unlimited tiers alone.
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { batchUnits, quota } from './index.ts';
import { createSqliteBillingStores } from '../../../billing/sqlite/index.ts';
import { createTestDatabase } from '../../../billing/sqlite/test-db.ts';
import { fakeCaller, fixedBilling } from '../../../billing/testing.ts';
import { DEFAULT_SLA_TIERS } from '../../../billing/sla-tiers.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

const NOV = Date.UTC(2026, 10, 15);

async function setup() {
  const t = createTestDatabase();
  cleanups.push(t.cleanup);
  const stores = createSqliteBillingStores(t.db);
  await stores.slaTiers.put({ ...DEFAULT_SLA_TIERS.bronze!, monthlyQuota: 3 }, '2026-11');
  const a = new Hono<Env>();
  const mw = (batch: boolean) => quota({ quotas: stores.quotas, slaTiers: stores.slaTiers, billingOf: fixedBilling(null), units: batch ? batchUnits : undefined, now: () => NOV });
  // The handler bills per header: X-Units (default 1), X-Status (default 200).
  const handler = (c: any) => {
    const status = Number(c.req.header('x-status') ?? 200);
    if (c.req.header('x-replay') !== 'true') c.set('units', Number(c.req.header('x-units') ?? 1));
    return c.json({}, status);
  };
  a.post('/x', fakeCaller(), mw(false), handler);
  a.post('/batch', fakeCaller(), mw(true), handler);
  return { a, stores };
}
const call = (a: Hono<Env>, path = '/x', headers: Record<string, string> = {}, body = '{}') =>
  a.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('quota', () => {
  it('admits exactly the quota under concurrency, then answers 402 quota-exceeded', async () => {
    const { a, stores } = await setup();
    const res = await Promise.all(Array.from({ length: 10 }, () => call(a)));
    expect(res.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = res.find((r) => r.status === 402)!;
    expect(await refused.json()).toMatchObject({ code: 'quota-exceeded', limit: 3, used: 3, period: '2026-11', sla: 'bronze' });
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(await stores.quotas.used('t1', 'promo:flash:v1', '2026-11')).toBe(3);
  });

  it('gives back failed calls and replays', async () => {
    const { a, stores } = await setup();
    expect((await call(a, '/x', { 'x-status': '500' })).status).toBe(500);
    expect((await call(a, '/x', { 'x-replay': 'true' })).status).toBe(200);
    expect(await stores.quotas.used('t1', 'promo:flash:v1', '2026-11')).toBe(0);
    for (let i = 0; i < 3; i++) expect((await call(a)).status).toBe(200);
    expect((await call(a)).status).toBe(402);
  });

  it('admits a batch whole or refuses it, and gives back its failed inputs', async () => {
    const { a, stores } = await setup();
    const batch = (n: number, billed: number) => call(a, '/batch', { 'x-units': String(billed) }, JSON.stringify({ inputs: Array(n).fill({}) }));
    expect((await batch(2, 1)).status).toBe(200); // one input failed: 1 used
    expect(await stores.quotas.used('t1', 'promo:flash:v1', '2026-11')).toBe(1);
    expect((await batch(3, 3)).status).toBe(402); // 1 + 3 > 3
    expect((await batch(2, 2)).status).toBe(200);
    expect((await batch(1, 1)).status).toBe(402);
  });

  it('does not count an unlimited tier', async () => {
    const { a, stores } = await setup();
    for (let i = 0; i < 5; i++) expect((await call(a, '/x', { 'x-test-sla': 'gold' })).status).toBe(200);
    expect(await stores.quotas.used('t1', 'promo:flash:v1', '2026-11')).toBe(0);
  });
});
