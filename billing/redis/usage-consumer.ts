// The usage stream's consumer: reads entries through a consumer group, writes them to the SQL ledger
// (idempotent by event id), acknowledges them with XACK, reclaims the entries of a crashed consumer
// with XAUTOCLAIM, and trims only entries every group has acknowledged.
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { NewUsageEvent } from '../stores.ts';
import { usageStreamKey, type StreamedUsageEvent } from './usage-store.ts';

/** Where the consumer writes events. `append` must skip an event whose id (or dedupe key) it has. */
export interface LedgerWriter {
  append(events: NewUsageEvent[]): Promise<number>;
}

/** Options of {@link UsageStreamConsumer}. */
export interface UsageConsumerOptions {
  /** Consumer group name (default `ledger`). */
  group?: string;
  /** This consumer's name; default `<host>-<pid>`. */
  consumer?: string;
  /** Entries per read (default 500). */
  batch?: number;
  /** How long one XREADGROUP blocks waiting for new entries (default 1000 ms). */
  blockMs?: number;
  /**
   * After a read that returned less than a quarter of `batch`, the loop waits this long before the
   * next one (default 20 ms), so that under a steady load each ledger insert and XACK carries many
   * entries instead of a handful. It only delays the ledger (reports, invoices), never a response.
   */
  gatherMs?: number;
  /** Entries pending this long with another consumer are taken over (default 30 s). */
  claimIdleMs?: number;
  /** How often to reclaim and trim (default 5 s). */
  maintenanceEveryMs?: number;
  /** Told about failures the loop survives (ledger down, bad entries). */
  onError?: (error: unknown) => void;
}

type Entry = [id: string, fields: string[] | null];

/** Stream ids compare as `<ms>-<seq>` pairs of integers. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am < bm ? -1 : am > bm ? 1 : as < bs ? -1 : as > bs ? 1 : 0;
}

const INT32 = 2_147_483_647;
const isCount = (v: unknown, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;

/**
 * The event of a stream entry, checked field by field against what the ledger's columns take: an
 * entry the ledger would refuse must go to the dead letters here, or it would block its whole batch
 * and every retry of it.
 */
function toEvent(fields: string[]): NewUsageEvent {
  const index = fields.indexOf('e');
  if (index < 0 || index + 1 >= fields.length) throw new Error('stream entry has no event');
  const e = JSON.parse(fields[index + 1]!) as StreamedUsageEvent;
  if (typeof e !== 'object' || e === null) throw new Error('stream entry is not a usage event');
  const problems: string[] = [];
  // PostgreSQL TEXT refuses U+0000; only the dedupe key may carry it (billing/pg/text.ts escapes it).
  const text = (v: unknown) => typeof v === 'string' && v !== '' && !v.includes('\u0000');
  for (const k of ['id', 'tenant', 'sku', 'version', 'sla'] as const) if (!text(e[k])) problems.push(k);
  if (e.keyId !== null && !text(e.keyId)) problems.push('keyId');
  if (e.dedupeKey !== null && e.dedupeKey !== undefined && typeof e.dedupeKey !== 'string') problems.push('dedupeKey');
  if (typeof e.at !== 'string' || !Number.isFinite(Date.parse(e.at))) problems.push('at');
  if (!isCount(e.units, INT32)) problems.push('units');
  if (!isCount(e.requestBytes)) problems.push('requestBytes');
  if (!isCount(e.responseBytes)) problems.push('responseBytes');
  if (typeof e.latencyMs !== 'number' || !Number.isFinite(e.latencyMs) || e.latencyMs < 0) problems.push('latencyMs');
  if (!isCount(e.status, 999)) problems.push('status');
  if (typeof e.canary !== 'boolean') problems.push('canary');
  if (problems.length > 0) throw new Error(`stream entry is not a usage event (bad ${problems.join(', ')})`);
  return e;
}

/**
 * One consumer of the usage stream. Several may run (one per worker or serve instance) in the same
 * group; each entry is delivered to one of them, and reaches the ledger at least once — exactly
 * once in effect, because the ledger ignores an event id it already has.
 *
 * @example
 * const consumer = new UsageStreamConsumer(connectRedis(url), 'rulemart:', pgUsageStore);
 * consumer.start();           // until stop()
 * await consumer.drain();     // or: process everything there is, then return
 */
export class UsageStreamConsumer {
  readonly group: string;
  readonly consumer: string;
  private readonly stream: string;
  private readonly dead: string;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastMaintenance = 0;

  constructor(
    /** A connection of its own: XREADGROUP BLOCK holds it while waiting. */
    private readonly redis: Redis,
    prefix: string,
    private readonly ledger: LedgerWriter,
    private readonly options: UsageConsumerOptions = {},
  ) {
    this.group = options.group ?? 'ledger';
    this.consumer = options.consumer ?? `${hostname()}-${process.pid}`;
    this.stream = usageStreamKey(prefix);
    this.dead = `${prefix}usage-dead`;
  }

  /** Creates the consumer group (from the start of the stream) when it does not exist. */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('BUSYGROUP'))) throw error;
    }
  }

  /** Writes entries to the ledger and acknowledges them; entries that cannot be parsed go to the dead-letter stream. */
  private async process(entries: Entry[]): Promise<number> {
    const events: NewUsageEvent[] = [];
    const ids: string[] = [];
    for (const [id, fields] of entries) {
      ids.push(id);
      if (fields === null) continue; // trimmed or deleted while pending: nothing left to write
      try {
        events.push(toEvent(fields));
      } catch (error) {
        await this.redis.xadd(this.dead, '*', 'id', id, 'error', String(error), ...fields);
      }
    }
    if (events.length > 0) await this.ledger.append(events);
    // Acknowledge only after the ledger has committed: a crash before this line redelivers.
    if (ids.length > 0) await this.redis.xack(this.stream, this.group, ...ids);
    return ids.length;
  }

  private async read(id: '>' | '0', blockMs: number | null): Promise<Entry[]> {
    const count = this.options.batch ?? 500;
    const reply = (blockMs === null
      ? await this.redis.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', count, 'STREAMS', this.stream, id)
      : await this.redis.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.stream, id)
    ) as [string, Entry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  /** Takes over entries another consumer left pending for longer than `claimIdleMs`, and writes them. */
  async reclaim(claimIdleMs = this.options.claimIdleMs ?? 30_000): Promise<number> {
    let cursor = '0-0';
    let total = 0;
    do {
      const [next, entries] = await this.redis.xautoclaim(this.stream, this.group, this.consumer, claimIdleMs, cursor, 'COUNT', this.options.batch ?? 500) as [string, Entry[], string[]?];
      total += await this.process(entries);
      cursor = next;
    } while (cursor !== '0-0');
    return total;
  }

  /**
   * Deletes entries every group has acknowledged: XTRIM MINID to the oldest id that is still
   * pending in any group, or (when nothing is pending) to its last delivered id. Entries not yet
   * delivered or not yet acknowledged are never dropped. Returns how many entries were removed.
   */
  async trim(): Promise<number> {
    const groups = await this.redis.xinfo('GROUPS', this.stream) as (string | number)[][];
    if (groups.length === 0) return 0;
    let minId: string | null = null;
    for (const raw of groups) {
      const info: Record<string, string | number> = {};
      for (let i = 0; i + 1 < raw.length; i += 2) info[String(raw[i])] = raw[i + 1]!;
      let keep = String(info['last-delivered-id']);
      if (Number(info.pending) > 0) {
        const summary = await this.redis.xpending(this.stream, String(info.name)) as [number, string | null, string | null, unknown];
        if (summary[1] && compareStreamIds(summary[1], keep) < 0) keep = summary[1];
      }
      if (minId === null || compareStreamIds(keep, minId) < 0) minId = keep;
    }
    if (minId === null || minId === '0-0') return 0;
    return Number(await this.redis.xtrim(this.stream, 'MINID', minId));
  }

  /**
   * Forgets consumers of the group that have nothing pending and have been idle for `idleMs`
   * (each restarted process joins under a new name). One with pending entries is kept: its entries
   * are reclaimed first. Returns how many were removed.
   */
  async forgetIdleConsumers(idleMs = 3_600_000): Promise<number> {
    const consumers = await this.redis.xinfo('CONSUMERS', this.stream, this.group) as (string | number)[][];
    let removed = 0;
    for (const raw of consumers) {
      const info: Record<string, string | number> = {};
      for (let i = 0; i + 1 < raw.length; i += 2) info[String(raw[i])] = raw[i + 1]!;
      if (info.name === this.consumer || Number(info.pending) > 0 || Number(info.idle) < idleMs) continue;
      await this.redis.xgroup('DELCONSUMER', this.stream, this.group, String(info.name));
      removed++;
    }
    return removed;
  }

  private async maintain(force: boolean): Promise<void> {
    const every = this.options.maintenanceEveryMs ?? 5000;
    if (!force && Date.now() - this.lastMaintenance < every) return;
    this.lastMaintenance = Date.now();
    await this.reclaim();
    await this.trim();
    await this.forgetIdleConsumers();
  }

  /**
   * Processes everything there is — this consumer's own pending entries (a restart under the same
   * name), entries of dead consumers idle for `claimIdleMs`, and new ones — then returns the count.
   */
  async drain(claimIdleMs = this.options.claimIdleMs ?? 30_000): Promise<number> {
    await this.ensureGroup();
    let total = 0;
    for (let batch = await this.read('0', null); batch.length > 0; batch = await this.read('0', null)) total += await this.process(batch);
    total += await this.reclaim(claimIdleMs);
    for (let batch = await this.read('>', null); batch.length > 0; batch = await this.read('>', null)) total += await this.process(batch);
    await this.trim();
    return total;
  }

  /** Runs the consume loop in the background until {@link stop}. Failures are reported and retried. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let pendingFirst = true;
      const batch = this.options.batch ?? 500;
      const gatherMs = this.options.gatherMs ?? 20;
      while (this.running) {
        try {
          if (pendingFirst) {
            // The group is made once, and again after a failure (it may have been deleted meanwhile).
            await this.ensureGroup();
            // After a restart under the same name, what was delivered and not acknowledged comes first.
            for (let b = await this.read('0', null); b.length > 0 && this.running; b = await this.read('0', null)) await this.process(b);
            pendingFirst = false;
          }
          await this.maintain(false);
          const entries = await this.read('>', this.options.blockMs ?? 1000);
          if (entries.length > 0) await this.process(entries);
          if (entries.length > 0 && entries.length < batch / 4 && gatherMs > 0 && this.running) {
            await new Promise((resolve) => setTimeout(resolve, gatherMs));
          }
        } catch (error) {
          // Ledger or Redis down: nothing was acknowledged, so re-read our pending entries once back.
          pendingFirst = true;
          this.options.onError?.(error);
          if (this.running) await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })();
  }

  /** Stops after the current batch (its entries are written and acknowledged, or left pending). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.loop = null;
  }
}
