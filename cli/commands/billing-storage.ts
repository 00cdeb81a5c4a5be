// Shared by `rulemart usage`, `invoice` and `reconcile`: flags to reach billing data either straight
// in the storage (--db, or --database-url/--redis-url as `serve` takes them) or through a server's
// API with a tenant key (--server/--key, or RULEMART_SERVER/RULEMART_KEY).
import { UsageError, type FlagSpec } from '../args.ts';
import type { BillingRuntime } from '../../runtime/billing.ts';

/** The storage and server flags of the billing commands. */
export const BILLING_FLAGS: FlagSpec = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
  'redis-url': { type: 'string' },
  server: { type: 'string' },
  key: { type: 'string' },
  tenant: { type: 'string' },
  format: { type: 'string' },
};

/** Where the command reads from. */
export type BillingSource =
  | { kind: 'server'; server: string; key: string }
  | { kind: 'storage'; billing: BillingRuntime; tenants: () => Promise<string[]>; close: () => Promise<void> };

/** Opens the storage (read side: no usage consumer, no recovery of in-flight claims) or names the server. */
export async function openBillingSource(flags: Record<string, string | boolean | undefined>): Promise<BillingSource> {
  const server = ((flags.server as string | undefined) ?? process.env.RULEMART_SERVER)?.replace(/\/+$/, '');
  if (server) {
    const key = (flags.key as string | undefined) ?? process.env.RULEMART_KEY;
    if (!key) throw new UsageError('--server needs --key (or RULEMART_KEY)');
    return { kind: 'server', server, key };
  }
  const { openServerStorage } = await import('../../runtime/cluster/storage.ts');
  const { billingRuntime } = await import('../../runtime/billing.ts');
  const { loadCompiler } = await import('../../runtime/compiler.ts');
  const storage = await openServerStorage({
    dbPath: (flags.db as string | undefined) ?? process.env.RULEMART_DB ?? '.data/rulemart.db',
    databaseUrl: (flags['database-url'] as string | undefined) ?? process.env.DATABASE_URL,
    redisUrl: (flags['redis-url'] as string | undefined) ?? process.env.REDIS_URL,
    consumeUsage: false,
  });
  const billing = billingRuntime({ store: storage.store, compiler: loadCompiler, billing: storage.billing, sqlite: storage.sqlite });
  return {
    kind: 'storage',
    billing,
    tenants: async () => (await storage.store.listTenants()).map((t) => t.id),
    close: async () => {
      await billing.stores.close();
      await storage.close();
    },
  };
}

/** GET a JSON path of the server with the key; throws with the problem's title on an error status. */
export async function getJson(source: { server: string; key: string }, path: string): Promise<unknown> {
  const res = await fetch(source.server + path, { headers: { authorization: `Bearer ${source.key}` } });
  const text = await res.text();
  if (!res.ok) {
    let title = text;
    try {
      title = (JSON.parse(text) as { title?: string }).title ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${res.status} ${title}`);
  }
  return JSON.parse(text);
}

/** Left-aligned columns for text output. */
export function table(rows: (string | number)[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((v, i) => (widths[i] = Math.max(widths[i] ?? 0, String(v).length)));
  return rows.map((r) => r.map((v, i) => String(v).padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
