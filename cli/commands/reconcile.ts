// `rulemart reconcile <YYYY-MM> [--db <file> | --database-url <url>]`: proves that every usage event
// of the month is invoiced exactly once, per tenant and SKU; exit 1 naming each difference otherwise.
import { parseFlags, UsageError } from '../args.ts';
import { monthRange } from '../../billing/period.ts';
import { BILLING_FLAGS, openBillingSource } from './billing-storage.ts';

/** Runs the command: 0 when events = invoiced units for every SKU, 1 otherwise. */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, BILLING_FLAGS);
  const month = positionals[0];
  if (!month || positionals.length > 1) throw new UsageError('expected one month: rulemart reconcile <YYYY-MM>');
  if (!monthRange(month)) throw new UsageError(`not a month (YYYY-MM): ${month}`);
  const source = await openBillingSource(flags);
  if (source.kind === 'server') throw new UsageError('reconcile reads the storage itself: use --db or --database-url, not --server');
  try {
    const { reconcileMonth } = await import('../../billing/invoice-for.ts');
    const r = await reconcileMonth(source.billing.stores, month, source.billing.pricer);
    const json = flags.format === 'json';
    if (json) process.stdout.write(JSON.stringify({ month, events: r.events, tenants: r.invoices.length, differences: r.differences }, null, 2) + '\n');
    if (r.differences.length === 0) {
      if (!json) process.stdout.write(`${month}: ${r.events} events of ${r.invoices.length} tenants, each invoiced exactly once\n`);
      return 0;
    }
    for (const d of r.differences) {
      process.stderr.write(`${month}: ${d.tenant} ${d.sku}: ${d.events} event units but ${d.invoiced} invoiced (difference ${d.events - d.invoiced})\n`);
    }
    return 1;
  } finally {
    await source.close();
  }
}
