// Reconciliation: proves that every usage event is invoiced exactly once, per tenant and SKU.
import type { Invoice } from './invoice.ts';

/** Event counts as the store sees them, per tenant and SKU. */
export interface EventCount {
  tenant: string;
  sku: string;
  /** Sum of the events' units. */
  units: number;
}

export interface ReconcileDifference {
  tenant: string;
  sku: string;
  events: number;
  invoiced: number;
}

/** Compares event units with invoiced calls per tenant and SKU; an empty list means they agree. */
export function reconcile(counts: EventCount[], invoices: Invoice[]): ReconcileDifference[] {
  const key = (t: string, s: string) => JSON.stringify([t, s]);
  const events = new Map<string, number>();
  for (const c of counts) events.set(key(c.tenant, c.sku), (events.get(key(c.tenant, c.sku)) ?? 0) + c.units);
  const invoiced = new Map<string, number>();
  for (const inv of invoices) {
    for (const l of inv.lines) invoiced.set(key(inv.tenant, l.sku), (invoiced.get(key(inv.tenant, l.sku)) ?? 0) + l.calls);
  }
  const diffs: ReconcileDifference[] = [];
  for (const k of new Set([...events.keys(), ...invoiced.keys()])) {
    const e = events.get(k) ?? 0;
    const i = invoiced.get(k) ?? 0;
    if (e !== i) {
      const [tenant, sku] = JSON.parse(k) as [string, string];
      diffs.push({ tenant, sku, events: e, invoiced: i });
    }
  }
  return diffs.sort((a, b) => (a.tenant + '\0' + a.sku < b.tenant + '\0' + b.sku ? -1 : 1));
}
