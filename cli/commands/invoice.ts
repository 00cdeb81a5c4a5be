// `rulemart invoice <YYYY-MM> [--tenant <id>] [--db <file> | --server <url> --key <key>] [--format text|json]`:
// prints the invoices of a month (every tenant's from the storage, or the key's tenant's from a server).
import { oneOf, parseFlags, UsageError } from '../args.ts';
import type { Invoice } from '../../billing/invoice.ts';
import { monthRange } from '../../billing/period.ts';
import { BILLING_FLAGS, getJson, openBillingSource, table } from './billing-storage.ts';

/** Text rendering of one invoice. */
export function renderInvoice(inv: Invoice): string {
  let out = `Invoice ${inv.tenant} ${inv.period}\n`;
  out += table([
    ['sku', 'tier', 'calls', 'responseKB', 'slow', 'amount', 'credit', 'total', 'currency'],
    ...inv.lines.map((l) => [l.sku, l.sla, l.calls, l.responseKB, l.slowCalls, l.amount ?? '-', l.credit ?? '-', l.total ?? '-', l.currency ?? '-']),
  ]);
  for (const l of inv.lines) if (l.error) out += `not priced: ${l.sku} ${l.sla}: ${l.error}\n`;
  if (inv.lines.length === 0) out += 'no usage\n';
  for (const t of inv.totals) out += `total ${t.currency}: amount ${t.amount}, credit ${t.credit}, due ${t.total}\n`;
  return out;
}

/** Runs the command; 0 on success, 1 when an invoice cannot be computed or a line could not be priced. */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, BILLING_FLAGS);
  const format = oneOf(flags.format, 'format', ['text', 'json'] as const, 'text');
  const month = positionals[0];
  if (!month || positionals.length > 1) throw new UsageError('expected one month: rulemart invoice <YYYY-MM>');
  if (!monthRange(month)) throw new UsageError(`not a month (YYYY-MM): ${month}`);
  const source = await openBillingSource(flags);
  let invoices: Invoice[];
  if (source.kind === 'server') {
    invoices = [(await getJson(source, `/v1/invoices/${month}`)) as Invoice];
  } else {
    try {
      const { invoiceFor } = await import('../../billing/invoice-for.ts');
      const tenants = flags.tenant ? [flags.tenant as string] : await source.tenants();
      invoices = [];
      for (const t of tenants) invoices.push(await invoiceFor(source.billing.stores, t, month, source.billing.pricer));
    } finally {
      await source.close();
    }
  }
  process.stdout.write(format === 'json' ? JSON.stringify(invoices.length === 1 ? invoices[0] : invoices, null, 2) + '\n' : invoices.map(renderInvoice).join('\n'));
  return invoices.every((i) => i.complete !== false) ? 0 : 1;
}
