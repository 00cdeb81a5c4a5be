// One tenant's invoice for a month, and the reconciliation of a month: the glue between the stores,
// the SLA tier table in force that month and a pricer. Used by GET /v1/invoices and the CLI.
import type { BillingStores } from './stores.ts';
import { computeInvoice, type Invoice, type Pricer } from './invoice.ts';
import { monthRange } from './period.ts';
import { reconcile, type ReconcileDifference } from './reconcile.ts';

/** Latency thresholds by tier name, from a tier table. */
function thresholds(table: Record<string, { latencyMs: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).map(([k, t]) => [k, t.latencyMs]));
}

/**
 * Computes a tenant's invoice for `period` (YYYY-MM) from the usage events.
 * @example
 *   const inv = await invoiceFor(stores, 'acme', '2026-11', (end) => runtime.pricer(end));
 */
export async function invoiceFor(stores: BillingStores, tenant: string, period: string, pricer: (monthEnd: number) => Pricer): Promise<Invoice> {
  const range = monthRange(period);
  if (!range) throw new RangeError(`not a month: ${period}`);
  const tiers = await stores.slaTiers.tableFor(period);
  const rows = await stores.usage.summarize({ tenant, from: range.from, to: range.to }, thresholds(tiers));
  return computeInvoice({ tenant, period, rows, tiers, price: pricer(range.to) });
}

/** Every tenant's invoice for a month and the per-SKU differences between events and invoiced units. */
export async function reconcileMonth(
  stores: BillingStores,
  period: string,
  pricer: (monthEnd: number) => Pricer,
): Promise<{ invoices: Invoice[]; differences: ReconcileDifference[]; events: number }> {
  const range = monthRange(period);
  if (!range) throw new RangeError(`not a month: ${period}`);
  // Count the events one by one (not through summarize), so the check does not trust the aggregate.
  const events = await stores.usage.list({ from: range.from, to: range.to });
  const counts = new Map<string, { tenant: string; sku: string; units: number }>();
  for (const e of events) {
    const k = `${e.tenant}\u0000${e.sku}`;
    const c = counts.get(k) ?? { tenant: e.tenant, sku: e.sku, units: 0 };
    c.units += e.units;
    counts.set(k, c);
  }
  const tenants = [...new Set(events.map((e) => e.tenant))].sort();
  const invoices: Invoice[] = [];
  for (const t of tenants) invoices.push(await invoiceFor(stores, t, period, pricer));
  return { invoices, differences: reconcile([...counts.values()], invoices), events: events.length };
}
