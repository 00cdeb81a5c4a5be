// Billing end to end over HTTP: rate limits and quotas on execute, replays not billed, usage by hour,
// the invoice priced by the SKU's plan (or the default plan) recomputed identically, the operator's
// SLA tier table, and `rulemart reconcile` / `invoice` / `usage` on the same database.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { Decimal } from '../../billing/decimal.ts';
import { periodOf } from '../../billing/period.ts';
import { cart, limitedPromotion, startBillingServer, type BillingTestServer } from '../../billing/http-testing.ts';
import { run as reconcile } from '../../cli/commands/reconcile.ts';
import { run as invoiceCli } from '../../cli/commands/invoice.ts';
import { run as usageCli } from '../../cli/commands/usage.ts';

const PLAN = `apiVersion: rulemart/v1
kind: PricingTier
metadata: { name: per-call, version: 1.0.0 }
input:
  usage: { calls: int, responseKB: decimal }
  sla: "enum(bronze, silver, gold)"
spec:
  currency: CNY
  meters:
    - name: calls
      quantity: usage.calls
      mode: graduated
      tiers:
        - { unit: 0.5 }
`;

let t: BillingTestServer;
const month = periodOf(Date.now());
beforeAll(async () => {
  t = await startBillingServer();
  await t.publish(PLAN);
  await t.publish(limitedPromotion('priced', '    customer: ${user.id}', '1', 'billing: { plan: per-call, rateLimit: 1000/s }\n'), 'silver');
  await t.publish(limitedPromotion('unpriced', '    customer: ${user.id}', '1', 'billing: { rateLimit: 4/d }\n'), 'bronze');
}, 120_000);
afterAll(() => t?.close());

const exec = (sku: string, body: unknown, headers: Record<string, string> = {}) => t.as('POST', `/v1/skus/${sku}/execute`, body, headers);

describe('billing over HTTP', () => {
  it('meters executes and batches, skips replays, and prices the invoice by the plan', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await exec('promo:priced:v1', cart(`u${i}`), { 'idempotency-key': `k-${i}` });
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBe('1000');
      expect(r.headers.get('x-rulemart-version')).toBe('1.0.0');
    }
    const replay = await exec('promo:priced:v1', cart('u0'), { 'idempotency-key': 'k-0' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('ratelimit-limit')).toBe('1000');
    const batch = await t.as('POST', '/v1/skus/promo:priced:v1/batch', { inputs: [cart('b1').input, { bad: true }, cart('b2').input] });
    expect(batch.status).toBe(200);

    const usage = (await (await t.as('GET', '/v1/usage?granularity=hour')).json()) as { totals: { calls: number } };
    expect(usage.totals.calls).toBe(7);

    const first = await (await t.as('GET', `/v1/invoices/${month}`)).text();
    const second = await (await t.as('GET', `/v1/invoices/${month}`)).text();
    expect(second).toBe(first);
    const inv = JSON.parse(first) as { lines: { sku: string; calls: number; amount: string; total: string; plan: { sku: string } }[]; totals: { total: string }[] };
    const line = inv.lines.find((l) => l.sku === 'promo:priced:v1')!;
    expect(line).toMatchObject({ calls: 7, amount: '3.50', plan: { sku: 'price:per-call:v1' } });
    const sum = inv.lines.reduce((s, l) => s.plus(l.total), new Decimal(0)).toFixed(2);
    expect(inv.totals[0]!.total).toBe(sum);
  });

  it('rate-limits per window with 429 + Retry-After, prices unplanned SKUs with the default plan', async () => {
    const res = [];
    for (let i = 0; i < 6; i++) res.push(await exec('promo:unpriced:v1', cart(`r${i}`)));
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(Number(res[4]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res[3]!.headers.get('ratelimit-remaining')).toBe('0');
    const inv = (await (await t.as('GET', `/v1/invoices/${month}`)).json()) as { lines: { sku: string; calls: number; plan: { sku: string }; amount: string }[] };
    expect(inv.lines.find((l) => l.sku === 'promo:unpriced:v1')).toMatchObject({ calls: 4, plan: { sku: 'price:rulemart-default:v1' }, amount: '0.10' });
  });

  it('lets the operator change a tier quota, enforced at its edge with 402', async () => {
    const put = await t.admin('PUT', '/admin/sla-tiers/silver', { monthlyQuota: 9 });
    expect(put.status).toBe(200);
    const table = (await (await t.admin('GET', '/admin/sla-tiers')).json()) as { tiers: { name: string; monthlyQuota: number | null }[] };
    expect(table.tiers.find((x) => x.name === 'silver')!.monthlyQuota).toBe(9);
    expect((await t.admin('PUT', '/admin/sla-tiers/silver', { latencyMs: -1 })).status).toBe(400);
    // Closed months keep their terms (QA G12).
    const past = await t.admin('PUT', '/admin/sla-tiers/silver', { monthlyQuota: 1, effectiveFrom: '2020-01' });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ errors: [{ path: '/effectiveFrom' }] });
    // 7 used: a batch of 3 does not fit, 2 singles do, then 402.
    const batch = await t.as('POST', '/v1/skus/promo:priced:v1/batch', { inputs: [cart('q1').input, cart('q2').input, cart('q3').input] });
    expect(batch.status).toBe(402);
    expect((await exec('promo:priced:v1', cart('q4'))).status).toBe(200);
    expect((await exec('promo:priced:v1', cart('q5'))).status).toBe(200);
    const over = await exec('promo:priced:v1', cart('q6'));
    expect(over.status).toBe(402);
    expect(await over.json()).toMatchObject({ code: 'quota-exceeded', limit: 9, used: 9 });
    await t.admin('PUT', '/admin/sla-tiers/silver', { monthlyQuota: 1_000_000 });
  });

  it('reconciles events with invoiced units, and the CLI prints usage and invoices', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    try {
      const db = join(t.dir, 'rulemart.db');
      expect(await reconcile([month, '--db', db])).toBe(0);
      expect(out.join('')).toMatch(/13 events of 1 tenants, each invoiced exactly once/);
      out.length = 0;
      expect(await invoiceCli([month, '--db', db, '--format', 'json'])).toBe(0);
      const inv = JSON.parse(out.join('')) as { lines: { sku: string; calls: number }[] };
      expect(inv.lines.map((l) => [l.sku, l.calls])).toEqual([['promo:priced:v1', 9], ['promo:unpriced:v1', 4]]);
      out.length = 0;
      expect(await usageCli(['--server', t.url, '--key', t.apiKey, '--granularity', 'day'])).toBe(0);
      expect(out.join('')).toMatch(/promo:priced:v1\s+9/);
      await expect(reconcile(['2026-13', '--db', db])).rejects.toThrow(/not a month/);
    } finally {
      spy.mockRestore();
    }
  });
});
