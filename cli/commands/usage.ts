// `rulemart usage [--tenant <id>] [--sku <id>] [--from <iso>] [--to <iso>] [--granularity hour|day]
// [--db <file> | --server <url> --key <key>] [--format text|json]`: calls, bytes, errors and latency
// percentiles by hour or day.
import { oneOf, parseFlags, UsageError } from '../args.ts';
import type { UsageBucket } from '../../billing/stores.ts';
import { usageRange } from '../../runtime/routes/usage.ts';
import { BILLING_FLAGS, getJson, openBillingSource, table } from './billing-storage.ts';

/** Runs the command; 0 on success. */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, {
    ...BILLING_FLAGS,
    sku: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    granularity: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const format = oneOf(flags.format, 'format', ['text', 'json'] as const, 'text');
  const granularity = oneOf(flags.granularity, 'granularity', ['hour', 'day'] as const, 'day');
  const q = usageRange({ from: flags.from as string | undefined, to: flags.to as string | undefined, granularity }, Date.now());
  if (q.errors.length) throw new UsageError(q.errors.map((e) => `${e.path.slice(1)}: ${e.message}`).join('; '));
  const sku = flags.sku as string | undefined;
  const source = await openBillingSource(flags);
  let buckets: (UsageBucket & { tenant?: string })[];
  if (source.kind === 'server') {
    const qs = new URLSearchParams({ from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), granularity, ...(sku ? { sku } : {}) });
    buckets = ((await getJson(source, `/v1/usage?${qs}`)) as { buckets: UsageBucket[] }).buckets;
  } else {
    try {
      const tenants = flags.tenant ? [flags.tenant as string] : await source.tenants();
      buckets = [];
      for (const tenant of tenants) {
        for (const b of await source.billing.stores.usage.series({ tenant, sku, from: q.from, to: q.to }, granularity)) buckets.push({ tenant, ...b });
      }
    } finally {
      await source.close();
    }
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ granularity, from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), buckets }, null, 2) + '\n');
    return 0;
  }
  const ms = (v: number | null) => (v === null ? '-' : v.toFixed(1));
  process.stdout.write(
    buckets.length === 0
      ? 'no usage in this range\n'
      : table([
          ['start', 'tenant', 'sku', 'calls', 'errors', 'reqBytes', 'resBytes', 'p50ms', 'p95ms', 'p99ms'],
          ...buckets.map((b) => [b.start, b.tenant ?? '-', b.sku, b.calls, b.errors, b.requestBytes, b.responseBytes, ms(b.latencyMs.p50), ms(b.latencyMs.p95), ms(b.latencyMs.p99)]),
        ]),
  );
  return 0;
}
