// Cache invalidation across runtime instances over PostgreSQL LISTEN/NOTIFY, for a deployment
// without Redis: the same messages as the Redis bus, on one channel per database, filtered by schema.
// The listening connection is a dedicated client; when it drops, it reconnects and the instance
// forgets its whole cache, because notifications sent meanwhile are lost. A publish resolves when the
// instance's own listener has received the notification back: PostgreSQL signals every listener at
// the same commit, so by then the others have it too, give or take a scheduling slice — far less than
// the client's round trip between the write's response and its next request.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PgHandle } from '../../catalog/pg/db.ts';
import { parseDatabaseUrl } from '../../catalog/pg/db.ts';
import { parseInvalidation, type Invalidation, type InvalidationChannel } from './invalidation.ts';

const CHANNEL = 'rulemart_invalidate';
const ECHO_MS = 2000;

/** PostgreSQL NOTIFY as an {@link InvalidationChannel}. */
export class PgInvalidationBus implements InvalidationChannel {
  readonly origin = randomUUID();
  private client: pg.Client | null = null;
  private closed = false;
  private handler: ((message: Invalidation) => void) | null = null;
  private readonly echoes = new Map<string, () => void>();

  constructor(private readonly databaseUrl: string, private readonly handle: PgHandle, private readonly onError: (error: unknown) => void = () => {}) {}

  async listen(handler: (message: Invalidation) => void): Promise<void> {
    this.handler = handler;
    await this.connect(false);
  }

  private async connect(reconnect: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: parseDatabaseUrl(this.databaseUrl).connectionString });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      const [schema, text] = splitOnce(n.payload);
      if (schema !== this.handle.schema) return;
      const parsed = parseInvalidation(text);
      if (!parsed) return;
      if (parsed.origin === this.origin) {
        const nonce = (JSON.parse(text) as { nonce?: string }).nonce;
        if (nonce) this.echoes.get(nonce)?.();
        return;
      }
      this.handler?.(parsed.message);
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
    // Waits for the echo at most ECHO_MS: a listener that is reconnecting must not stall writes.
    const echoed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ECHO_MS);
      this.echoes.set(nonce, () => { clearTimeout(timer); resolve(); });
    });
    try {
      await this.handle.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
      if (this.client) await echoed;
    } finally {
      this.echoes.delete(nonce);
    }
    return undefined;
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
