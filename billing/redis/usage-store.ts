// UsageStore for the scale-out mode: every billable event is appended to a Redis Stream before the
// response is sent (a script call instead of a SQL commit), and the stream consumer
// (usage-consumer.ts, in `rulemart worker` or inside serve) writes it to the SQL ledger. Reads —
// usage reports, invoices, reconcile — come from that ledger. The appends of one event-loop turn
// share one script call (like SQLite's group commit): one command, one reply and one timer for
// every call answered in that turn, instead of one each.
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

/** Events per script call at most (one append larger than this goes alone), so one call never holds Redis long. */
const MAX_BATCH_EVENTS = 256;

/** One append waiting for the turn's script call. */
interface Pending {
  /** Dedupe key ('' none) and event JSON, alternating. */
  pairs: string[];
  resolve: (written: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Usage events through a Redis Stream. `append` resolves once Redis has the entries (their
 * durability is Redis' AOF policy, see docs/scale-out.md); the SQL `ledger` serves every read.
 * When Redis is unreachable `append` rejects with RedisUnavailableError and the call fails with a
 * 503 instead of answering without a usage event.
 */
export class RedisUsageStore implements UsageStore {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly keys: string[];

  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ledger: UsageStore) {
    this.keys = [usageStreamKey(prefix)];
  }

  append(events: NewUsageEvent[]): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    const pairs: string[] = [];
    for (const e of events) {
      const { dedupeKey, ...rest } = e;
      const event: StreamedUsageEvent = { ...rest, id: e.id ?? randomUUID(), dedupeKey: dedupeKey ?? null };
      pairs.push(dedupeKey ?? '', JSON.stringify(event));
    }
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ pairs, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Sends the turn's appends, in order, in script calls of at most MAX_BATCH_EVENTS events each. */
  private flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    let batch: Pending[] = [];
    let events = 0;
    for (const p of queue) {
      if (batch.length > 0 && events + p.pairs.length / 2 > MAX_BATCH_EVENTS) {
        void this.send(batch);
        batch = [];
        events = 0;
      }
      batch.push(p);
      events += p.pairs.length / 2;
    }
    if (batch.length > 0) void this.send(batch);
  }

  /** One script call for `batch`; each append resolves with how many of its own events were new. */
  private async send(batch: Pending[]): Promise<void> {
    const args: string[] = [`${this.prefix}usage-dedupe:`, String(DEDUPE_TTL_SECONDS)];
    for (const p of batch) for (const x of p.pairs) args.push(x);
    let flags: number[];
    try {
      flags = await withRedis('usage append', () => appendScript.run(this.redis, this.keys, args)) as number[];
    } catch (error) {
      // Whether the batch reached the stream is unknown (as for one call that timed out): every call
      // fails with 503, and its retry with the same Idempotency-Key is deduplicated by the script.
      for (const p of batch) p.reject(error);
      return;
    }
    let at = 0;
    for (const p of batch) {
      let written = 0;
      for (let i = 0; i < p.pairs.length / 2; i++) written += Number(flags[at++]);
      p.resolve(written);
    }
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
