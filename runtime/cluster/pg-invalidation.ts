// Cache invalidation across runtime instances over PostgreSQL LISTEN/NOTIFY, for a deployment
// without Redis: the same messages as the Redis bus, on one channel per database, filtered by schema.
// The listening connection is a dedicated client; when it drops, it reconnects and the instance
// forgets its whole cache, because notifications sent meanwhile are lost. A publish resolves when the
// instance's own listener has received the notification back: PostgreSQL has then sent it to every
// listener, so the write's response does not overtake its invalidation.
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
      if (this.closed) return;
      this.client = null;
      setTimeout(() => void this.connect(true).catch((e) => this.onError(e)), 500);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    if (reconnect) this.handler?.({ type: 'all' });
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

  /** Stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}

function splitOnce(text: string): [string, string] {
  const i = text.indexOf('\n');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}
