// Invoices: priced per SKU and tier, SLA credits by the tier table, totals that add up, and the same
// rows always giving the same invoice.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeInvoice, slaCredit, type Pricer } from './invoice.ts';
import { reconcile } from './reconcile.ts';
import { DEFAULT_SLA_TIERS } from './sla-tiers.ts';
import { Decimal } from './decimal.ts';
import type { UsageSummaryRow } from './stores.ts';

// A test plan: 0.01 per call and 0.50 per started 1024 KB, the way a PricingTier executor reports it.
const price: Pricer = ({ calls, responseKB, sla }) => {
  const calls$ = new Decimal(calls).mul('0.01');
  const egress = new Decimal(responseKB).div(1024).ceil().mul('0.5');
  const total = calls$.plus(egress).mul(sla === 'gold' ? 2 : 1);
  return { sku: 'price:test:v1', version: '1.0.0', currency: 'CNY', subtotal: calls$.plus(egress).toFixed(2), total: total.toFixed(2) };
};
const row = (over: Partial<UsageSummaryRow>): UsageSummaryRow => ({
  tenant: 't1', sku: 'promo:a:v1', sla: 'silver', calls: 1000, events: 1000, responseBytes: 0, slowCalls: 0, ...over,
});

describe('slaCredit', () => {
  it('credits 15% of the slow calls price only above 0.5% of the calls', () => {
    expect(slaCredit(new Decimal('100.00'), 1000, 5, '15', '0.005').toFixed(2)).toBe('0.00');
    expect(slaCredit(new Decimal('100.00'), 1000, 6, '15', '0.005').toFixed(2)).toBe('0.09');
    expect(slaCredit(new Decimal('100.00'), 1000, 1000, '15', '0.005').toFixed(2)).toBe('15.00');
    expect(slaCredit(new Decimal('100.00'), 1000, 999, null, '0.005').toFixed(2)).toBe('0.00');
    expect(slaCredit(new Decimal('100.00'), 0, 0, '15', '0.005').toFixed(2)).toBe('0.00');
  });
});

describe('computeInvoice', () => {
  it('prices each SKU and tier, subtracts credits and totals per currency', async () => {
    const rows = [
      row({ calls: 1000, slowCalls: 10, responseBytes: 1024 * 1024 * 3 + 1 }),
      row({ sla: 'bronze', calls: 200, slowCalls: 200 }),
      row({ sku: 'promo:b:v1', sla: 'gold', calls: 7, slowCalls: 1 }),
      row({ tenant: 't2', calls: 5 }),
    ];
    const inv = await computeInvoice({ tenant: 't1', period: '2026-11', rows, tiers: DEFAULT_SLA_TIERS, price });
    expect(inv.lines.map((l) => [l.sku, l.sla, l.calls, l.responseKB, l.amount, l.slowCalls, l.credit, l.total])).toEqual([
      ['promo:a:v1', 'bronze', 200, '0', '2.00', 200, '0.00', '2.00'],
      ['promo:a:v1', 'silver', 1000, '3072.0009765625', '12.00', 10, '0.02', '11.98'],
      ['promo:b:v1', 'gold', 7, '0', '0.14', 1, '0.00', '0.14'],
    ]);
    // gold: 1 of 7 is over 0.5%, 15% of 0.14 * 1/7 = 0.003 -> 0.00
    expect(inv.totals).toEqual([{ currency: 'CNY', amount: '14.14', credit: '0.02', total: '14.12' }]);
  });

  it('a plan that fails on one line leaves that line unpriced with the reason; the other lines and totals stand', async () => {
    const failing: Pricer = (line) => {
      if (line.sku === 'promo:b:v1') throw new Error('quantity 7 is above the last tier (up to 5)');
      return price(line);
    };
    const rows = [row({ calls: 1000 }), row({ sku: 'promo:b:v1', sla: 'gold', calls: 7 })];
    const inv = await computeInvoice({ tenant: 't1', period: '2026-11', rows, tiers: DEFAULT_SLA_TIERS, price: failing });
    expect(inv.complete).toBe(false);
    expect(inv.lines[0]).toMatchObject({ sku: 'promo:a:v1', total: '10.00' });
    expect(inv.lines[0]).not.toHaveProperty('error');
    expect(inv.lines[1]).toMatchObject({ sku: 'promo:b:v1', calls: 7, currency: null, amount: null, credit: null, total: null, plan: { sku: null, version: null } });
    expect(inv.lines[1]!.error).toContain('above the last tier');
    expect(inv.totals).toEqual([{ currency: 'CNY', amount: '10.00', credit: '0.00', total: '10.00' }]);
    // The unpriced line's calls are still invoiced units: reconcile (events = units) holds.
    expect(reconcile(rows.map((r) => ({ tenant: r.tenant, sku: r.sku, units: r.calls })), [inv])).toEqual([]);
    expect((await computeInvoice({ tenant: 't1', period: '2026-11', rows, tiers: DEFAULT_SLA_TIERS, price })).complete).toBe(true);
  });

  it('an operator-added tier credits by its own row of the table; a tier the table lacks gets no credit (QA F25)', async () => {
    const tiers = { ...DEFAULT_SLA_TIERS, platinum: { name: 'platinum', monthlyQuota: 10, latencyMs: 50, creditPercent: '20', creditOverRatio: '0' } };
    const rows = [row({ sla: 'platinum', calls: 1000, slowCalls: 500 }), row({ sla: 'constructor', calls: 1000, slowCalls: 500 })];
    const inv = await computeInvoice({ tenant: 't1', period: '2026-11', rows, tiers, price });
    // 10.00 for 1000 calls; 500 slow: 20% of their 5.00 = 1.00.
    expect(inv.lines.find((l) => l.sla === 'platinum')).toMatchObject({ amount: '10.00', latencyThresholdMs: 50, credit: '1.00', total: '9.00' });
    expect(inv.lines.find((l) => l.sla === 'constructor')).toMatchObject({ amount: '10.00', latencyThresholdMs: null, credit: '0.00', total: '10.00' });
  });

  it('property: lines add up to the totals, and recomputing gives an identical invoice', async () => {
    const rowArb = fc.record({
      sku: fc.constantFrom('promo:a:v1', 'promo:b:v1', 'select:c:v1'),
      sla: fc.constantFrom('bronze', 'silver', 'gold'),
      calls: fc.integer({ min: 1, max: 5_000_000 }),
      responseBytes: fc.integer({ min: 0, max: 2 ** 40 }),
      slowFraction: fc.integer({ min: 0, max: 1000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(rowArb, { selector: (r) => r.sku + r.sla, maxLength: 9 }), async (specs) => {
        const rows = specs.map((s) => row({ ...s, events: s.calls, slowCalls: Math.floor((s.calls * s.slowFraction) / 1000) }));
        const a = await computeInvoice({ tenant: 't1', period: '2026-11', rows, tiers: DEFAULT_SLA_TIERS, price });
        const b = await computeInvoice({ tenant: 't1', period: '2026-11', rows: [...rows].reverse(), tiers: DEFAULT_SLA_TIERS, price });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        const sum = (k: 'amount' | 'credit' | 'total') => a.lines.reduce((s, l) => s.plus(l[k]!), new Decimal(0)).toFixed(2);
        if (a.lines.length > 0) {
          expect(a.totals).toEqual([{ currency: 'CNY', amount: sum('amount'), credit: sum('credit'), total: sum('total') }]);
        }
        for (const l of a.lines) expect(new Decimal(l.amount!).minus(l.credit!).toFixed(2)).toBe(l.total);
        expect(reconcile(rows.map((r) => ({ tenant: r.tenant, sku: r.sku, units: r.calls })), [a])).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('reconcile names the SKUs whose events and invoiced units differ', async () => {
    const inv = await computeInvoice({ tenant: 't1', period: '2026-11', rows: [row({ calls: 10 })], tiers: DEFAULT_SLA_TIERS, price });
    expect(reconcile([{ tenant: 't1', sku: 'promo:a:v1', units: 11 }, { tenant: 't1', sku: 'promo:z:v1', units: 1 }], [inv])).toEqual([
      { tenant: 't1', sku: 'promo:a:v1', events: 11, invoiced: 10 },
      { tenant: 't1', sku: 'promo:z:v1', events: 1, invoiced: 0 },
    ]);
  });
});
