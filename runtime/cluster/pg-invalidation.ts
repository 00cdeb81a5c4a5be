// Cache invalidation across runtime instances over PostgreSQL LISTEN/NOTIFY, for a deployment
// without Redis: the same messages as the Redis bus, on one channel per database, filtered by schema.
// The listening connection is a dedicated client named `rulemart-listen:<schema>`; when it drops, it
// reconnects and the instance forgets its whole cache, because notifications sent meanwhile are lost.
// A publish resolves when every other listening instance of the schema has acknowledged applying it
// (each answers with an `ack` notification; the instances are counted by their listener connections
// in pg_stat_activity), or after ACK_MS at the latest, so a write's response never overtakes the
// other instances' caches: a revoked key is refused by all of them on the very next request.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PgHandle } from '../../catalog/pg/db.ts';
import { parseDatabaseUrl } from '../../catalog/pg/db.ts';
import { parseInvalidation, type Invalidation, type InvalidationChannel } from './invalidation.ts';

const CHANNEL = 'rulemart_invalidate';
const ACK_MS = 2000;

/** PostgreSQL NOTIFY as an {@link InvalidationChannel}. */
export class PgInvalidationBus implements InvalidationChannel {
  readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private closed = false;
  private handler: ((message: Invalidation) => void) | null = null;
  /** Per published nonce: who acknowledged it, and how to wake the publisher. */
  private readonly acks = new Map<string, { from: Set<string>; wake: () => void }>();

  constructor(private readonly databaseUrl: string, private readonly handle: PgHandle, private readonly onError: (error: unknown) => void = () => {}) {}

  async listen(handler: (message: Invalidation) => void): Promise<void> {
    this.handler = handler;
    await this.connect(false);
  }

  private async connect(reconnect: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: parseDatabaseUrl(this.databaseUrl).connectionString, application_name: this.listenerName() });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      const [schema, text] = splitOnce(n.payload);
      if (schema !== this.handle.schema) return;
      const ack = parseAck(text);
      if (ack) {
        const waiting = ack.to === this.origin ? this.acks.get(ack.nonce) : undefined;
        if (waiting) {
          waiting.from.add(ack.from);
          waiting.wake();
        }
        return;
      }
      const parsed = parseInvalidation(text);
      if (!parsed || parsed.origin === this.origin) return;
      this.handler?.(parsed.message);
      const nonce = (JSON.parse(text) as { nonce?: unknown }).nonce;
      if (typeof nonce === 'string') {
        const reply = `${this.handle.schema}\n${JSON.stringify({ ack: nonce, to: parsed.origin, from: this.origin })}`;
        this.handle.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, reply]).catch((error) => this.onError(error));
      }
    });
    client.on('error', (error) => this.onError(error));
    client.on('end', () => {
      if (this.client === client) {
        this.client = null;
        this.reconnectLater();
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    if (reconnect) this.handler?.({ type: 'all' });
  }

  /** Retries every 500 ms until the listener is back (or the bus is closed). */
  private reconnectLater(): void {
    if (this.closed) return;
    setTimeout(() => {
      this.connect(true).catch((error) => {
        this.onError(error);
        this.reconnectLater();
      });
    }, 500);
  }

  async publish(message: Exclude<Invalidation, { type: 'all' }>): Promise<unknown> {
    const nonce = randomUUID();
    const payload = `${this.handle.schema}\n${JSON.stringify({ origin: this.origin, nonce, message })}`;
    const from = new Set<string>();
    let wake = () => {};
    this.acks.set(nonce, { from, wake: () => wake() });
    try {
      // The other listening instances of this schema: every listener connection but this one's own.
      const listeners = await this.handle.pool.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [this.listenerName()],
      );
      const others = Math.max(0, (listeners.rows[0] as { n: number }).n - (this.client ? 1 : 0));
      await this.handle.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
      // Waits for every other instance to acknowledge, at most ACK_MS (one that is reconnecting
      // forgets everything anyway, and must not stall writes).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ACK_MS);
        wake = () => {
          if (from.size >= others) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
      return from.size;
    } finally {
      this.acks.delete(nonce);
    }
  }

  private listenerName(): string {
    return `rulemart-listen:${this.handle.schema}`.slice(0, 63);
  }

  /** The PostgreSQL backend pid of the listening connection (null while reconnecting). */
  get listenerPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

function splitOnce(text: string): [string, string] {
  const i = text.indexOf('\n');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

function parseAck(text: string): { nonce: string; to: string; from: string } | null {
  if (!text.startsWith('{"ack":')) return null;
  try {
    const v = JSON.parse(text) as { ack?: unknown; to?: unknown; from?: unknown };
    return typeof v.ack === 'string' && typeof v.to === 'string' && typeof v.from === 'string' ? { nonce: v.ack, to: v.to, from: v.from } : null;
  } catch {
    return null;
  }
}

