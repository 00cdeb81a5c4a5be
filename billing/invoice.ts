// Invoice computation: usage summaries (per tenant, SKU and tier) priced by each SKU's PricingTier
// plan, minus the SLA credit of the tier table. Pure: the same rows, tiers and plans always give the
// same invoice, to the byte.
import { Decimal, dec, money, canonical, isDecimalText } from './decimal.ts';
import type { SlaTierTable } from './sla-tiers.ts';
import type { UsageSummaryRow } from './stores.ts';

/** What a PricingTier executor returns (SPEC section 6); only these members are read. */
export interface PricingOutput {
  sku?: string;
  version?: string;
  currency: string;
  subtotal: string;
  total: string;
  meters?: unknown[];
}

/** Prices one line: runs the SKU's plan with `{ usage: { calls, responseKB }, sla }`. */
export type Pricer = (line: { tenant: string; sku: string; sla: string; calls: number; responseKB: string }) =>
  | PricingOutput
  | Promise<PricingOutput>;

export interface InvoiceLine {
  sku: string;
  sla: string;
  /** The PricingTier SKU and version that priced the line. */
  plan: { sku: string | null; version: string | null };
  calls: number;
  /** Response bytes / 1024, exact decimal string. */
  responseKB: string;
  /** Null (with amount, credit and total) when the plan could not price the line: see `error`. */
  currency: string | null;
  amount: string | null;
  slowCalls: number;
  latencyThresholdMs: number | null;
  credit: string | null;
  total: string | null;
  /** Why the plan could not price this line (the plan failed on its usage); absent when priced. */
  error?: string;
}

export interface Invoice {
  tenant: string;
  period: string;
  lines: InvoiceLine[];
  /** Per currency: sum of amounts, credits and totals of the priced lines. */
  totals: { currency: string; amount: string; credit: string; total: string }[];
  /** False when a line could not be priced (it carries `error` and counts in no total). */
  complete: boolean;
}

/** The SLA credit of one line: a percent of the price of the slow calls, above the ratio. */
export function slaCredit(amount: Decimal, calls: number, slowCalls: number, percent: string | null, overRatio: string): Decimal {
  if (percent === null || calls <= 0 || slowCalls <= 0) return new Decimal(0);
  // "when they exceed 0.5% of the month's calls": strictly more than ratio * calls.
  if (!new Decimal(slowCalls).gt(dec(overRatio).mul(calls))) return new Decimal(0);
  const credit = new Decimal(money(amount.mul(slowCalls).div(calls).mul(dec(percent)).div(100)));
  return Decimal.min(credit, amount);
}

/** Computes a tenant's invoice for a period from its usage summary rows. */
export async function computeInvoice(args: {
  tenant: string;
  period: string;
  rows: UsageSummaryRow[];
  tiers: SlaTierTable;
  price: Pricer;
}): Promise<Invoice> {
  const rows = args.rows
    .filter((r) => r.tenant === args.tenant)
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.sla < b.sla ? -1 : a.sla > b.sla ? 1 : 0));
  const lines: InvoiceLine[] = [];
  for (const r of rows) {
    const responseKB = canonical(new Decimal(r.responseBytes).div(1024));
    // An own key only: a tier name such as `constructor` must not find Object.prototype's.
    const tier = Object.hasOwn(args.tiers, r.sla) ? args.tiers[r.sla] : undefined;
    let priced: PricingOutput;
    try {
      priced = await args.price({ tenant: r.tenant, sku: r.sku, sla: r.sla, calls: r.calls, responseKB });
      if (!isDecimalText(priced.total)) throw new Error('the plan returned a total that is not a decimal');
    } catch (e) {
      // One plan that cannot price its usage (a bounded last tier exceeded, a division by zero) must
      // not take the tenant's whole invoice down: the line says why and counts in no total.
      lines.push({
        sku: r.sku, sla: r.sla, plan: { sku: null, version: null }, calls: r.calls, responseKB,
        currency: null, amount: null, slowCalls: r.slowCalls, latencyThresholdMs: tier ? tier.latencyMs : null,
        credit: null, total: null, error: `the price plan could not price this line: ${e instanceof Error ? e.message : String(e)}`,
      });
      continue;
    }
    const amount = dec(priced.total);
    const credit = tier ? slaCredit(amount, r.calls, r.slowCalls, tier.creditPercent, tier.creditOverRatio) : new Decimal(0);
    lines.push({
      sku: r.sku,
      sla: r.sla,
      plan: { sku: priced.sku ?? null, version: priced.version ?? null },
      calls: r.calls,
      responseKB,
      currency: priced.currency,
      amount: money(amount),
      slowCalls: r.slowCalls,
      latencyThresholdMs: tier ? tier.latencyMs : null,
      credit: money(credit),
      total: money(amount.minus(credit)),
    });
  }
  const byCurrency = new Map<string, { amount: Decimal; credit: Decimal; total: Decimal }>();
  for (const l of lines) {
    if (l.currency === null || l.amount === null || l.credit === null || l.total === null) continue;
    const t = byCurrency.get(l.currency) ?? { amount: new Decimal(0), credit: new Decimal(0), total: new Decimal(0) };
    t.amount = t.amount.plus(l.amount);
    t.credit = t.credit.plus(l.credit);
    t.total = t.total.plus(l.total);
    byCurrency.set(l.currency, t);
  }
  const totals = [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => ({ currency, amount: money(t.amount), credit: money(t.credit), total: money(t.total) }));
  return { tenant: args.tenant, period: args.period, lines, totals, complete: lines.every((l) => l.error === undefined) };
}
