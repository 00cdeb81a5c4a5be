// UsageStore for the scale-out mode: every billable event is appended to a Redis Stream before the
// response is sent (one XADD round trip instead of a SQL commit), and the stream consumer
// (usage-consumer.ts, in `rulemart worker` or inside serve) writes it to the SQL ledger. Reads —
// usage reports, invoices, reconcile — come from that ledger.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { NewUsageEvent, UsageBucket, UsageEvent, UsageQuery, UsageStore, UsageSummaryRow } from '../stores.ts';
import { withRedis } from './client.ts';
import { LuaScript } from './lua-script.ts';

const appendScript = LuaScript.load('usage-append');

/** A retried request's dedupe key is remembered well beyond the 24 h of Idempotency-Keys. */
const DEDUPE_TTL_SECONDS = 7 * 86_400;

/** The stream every instance appends usage events to, under a key prefix. */
export function usageStreamKey(prefix: string): string {
  return `${prefix}usage`;
}

/** One stream entry's payload: the event with its id fixed and its dedupe key. */
export type StreamedUsageEvent = UsageEvent & { dedupeKey: string | null };

/**
 * Usage events through a Redis Stream. `append` resolves once Redis has the entries (their
 * durability is Redis' AOF policy, see docs/scale-out.md); the SQL `ledger` serves every read.
 * When Redis is unreachable `append` rejects with RedisUnavailableError and the call fails with a
 * 503 instead of answering without a usage event.
 */
export class RedisUsageStore implements UsageStore {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ledger: UsageStore) {}

  async append(events: NewUsageEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const args: (string | number)[] = [`${this.prefix}usage-dedupe:`, DEDUPE_TTL_SECONDS];
    for (const e of events) {
      const { dedupeKey, ...rest } = e;
      const event: StreamedUsageEvent = { ...rest, id: e.id ?? randomUUID(), dedupeKey: dedupeKey ?? null };
      args.push(dedupeKey ?? '', JSON.stringify(event));
    }
    return Number(await withRedis('usage append', () => appendScript.run(this.redis, [usageStreamKey(this.prefix)], args)));
  }

  recordErrors(tenant: string, sku: string, atMs: number, count: number): Promise<void> {
    return this.ledger.recordErrors(tenant, sku, atMs, count);
  }

  summarize(q: UsageQuery, thresholds: Record<string, number>): Promise<UsageSummaryRow[]> {
    return this.ledger.summarize(q, thresholds);
  }

  series(q: UsageQuery, granularity: 'hour' | 'day'): Promise<UsageBucket[]> {
    return this.ledger.series(q, granularity);
  }

  list(q: UsageQuery, limit?: number): Promise<UsageEvent[]> {
    return this.ledger.list(q, limit);
  }
}
