// The worked price example of a SKU's detail: the plan that will bill the SKU (its `billing.plan`
// among the owner's own plans, or the built-in default plan) run by the invoice's own pricer on an
// example month, once per SLA tier of the tier table in force. A buyer sees what a month would cost
// without reading the plan's source, which stays private to its owner.
import type { PricingOutput } from '../../billing/invoice.ts';
import { periodOf } from '../../billing/period.ts';
import { billingRuntime } from '../billing.ts';
import type { AppDeps } from '../deps.ts';
import { resolvePlan } from '../plan-resolve.ts';

/** The example month every SKU detail is priced on. */
export const EXAMPLE_USAGE = { calls: 50_000, responseKB: '25000' } as const;

/** One SLA tier's terms and price for the example month (currency and total null, with `error`, when the plan cannot price that tier). */
export interface PriceExampleRow {
  sla: string;
  /** The tier's terms from the table in force: calls a month (null: unlimited), latency threshold, credit. */
  terms: { monthlyQuota: number | null; latencyMs: number | null; creditPercent: string | null };
  currency: string | null;
  total: string | null;
  meters: unknown[];
  error?: string;
}

/** `pricePlan.example` of GET /v1/skus/{sku}. */
export interface PriceExample {
  usage: typeof EXAMPLE_USAGE;
  /** The PricingTier SKU and version that prices the example (as an invoice line names it). */
  plan: { sku: string | null; version: string | null };
  tiers: PriceExampleRow[];
}

/**
 * Prices the example month for `sku` exactly as this month's invoice would (same pricer, same plan
 * resolution). Null when the plan cannot run (a broken plan must not break the SKU page).
 */
export async function priceExample(deps: AppDeps, tenant: string, sku: string): Promise<PriceExample | null> {
  try {
    const billing = billingRuntime(deps);
    const pricer = billing.pricer(Number.POSITIVE_INFINITY);
    // Every tier of this month's table, the operator's own ones too (in the table's order).
    const table = await billing.stores.slaTiers.tableFor(periodOf(Date.now()));
    const tiers = Object.keys(table);
    let plan: PriceExample['plan'] | null = null;
    const rows: PriceExampleRow[] = [];
    for (const sla of tiers) {
      const t = table[sla]!;
      const terms = { monthlyQuota: t.monthlyQuota, latencyMs: t.latencyMs, creditPercent: t.creditPercent };
      try {
        const o: PricingOutput = await pricer({ tenant, sku, sla, calls: EXAMPLE_USAGE.calls, responseKB: EXAMPLE_USAGE.responseKB });
        plan ??= { sku: o.sku ?? null, version: o.version ?? null };
        rows.push({ sla, terms, currency: o.currency, total: o.total, meters: o.meters ?? [] });
      } catch (e) {
        // As on an invoice: a tier the plan does not know is not priced, never priced as another.
        rows.push({ sla, terms, currency: null, total: null, meters: [], error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (!plan) return null;
    return { usage: EXAMPLE_USAGE, plan, tiers: rows };
  } catch {
    return null;
  }
}

/**
 * `pricePlan` of GET /v1/skus/{sku}: the `billing.plan` name (null: the default plan), the owner's
 * PricingTier SKU of that name that bills the SKU now (null when none is published), the example.
 */
export async function pricePlanOf(deps: AppDeps, viewer: string, sku: string): Promise<{ name: string | null; sku: string | null; example: PriceExample | null }> {
  const plan = await resolvePlan(deps.store, sku, Number.POSITIVE_INFINITY);
  return { name: plan.name, sku: plan.sku, example: await priceExample(deps, viewer, sku) };
}

