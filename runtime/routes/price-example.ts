// The worked price example of a SKU's detail: the plan that will bill the SKU (its `billing.plan` as
// the owner sees it, or the built-in default plan) run by the invoice's own pricer on an example
// month, once per SLA tier. A buyer sees what a month would cost without reading the plan's source,
// which stays private to its owner.
import type { PricingOutput } from '../../billing/invoice.ts';
import { billingRuntime } from '../billing.ts';
import type { AppDeps } from '../deps.ts';
import { resolvePlan } from '../plan-resolve.ts';

/** The example month every SKU detail is priced on. */
export const EXAMPLE_USAGE = { calls: 50_000, responseKB: '25000' } as const;

const SLA_TIERS = ['bronze', 'silver', 'gold'] as const;

/** One SLA tier's price for the example month. */
export interface PriceExampleRow {
  sla: (typeof SLA_TIERS)[number];
  currency: string;
  total: string;
  meters: unknown[];
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
    const pricer = billingRuntime(deps).pricer(Number.POSITIVE_INFINITY);
    const outputs: PricingOutput[] = [];
    for (const sla of SLA_TIERS) outputs.push(await pricer({ tenant, sku, sla, calls: EXAMPLE_USAGE.calls, responseKB: EXAMPLE_USAGE.responseKB }));
    const first = outputs[0]!;
    return {
      usage: EXAMPLE_USAGE,
      plan: { sku: first.sku ?? null, version: first.version ?? null },
      tiers: outputs.map((o, i) => ({ sla: SLA_TIERS[i]!, currency: o.currency, total: o.total, meters: o.meters ?? [] })),
    };
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

