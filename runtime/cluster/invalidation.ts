// Cache invalidation across runtime instances over Redis pub/sub: a catalog change or a key
// revocation made through one instance is broadcast, and every other instance drops what it cached.
// A subscriber that lost its connection may have missed messages, so on reconnect it drops everything.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One invalidation. `all` is sent to ourselves after a reconnect, never published. */
export type Invalidation =
  | { type: 'key'; keyId: string }
  | { type: 'sku'; sku: string }
  | { type: 'entitlement'; tenantId: string; sku: string }
  | { type: 'sla-tiers' }
  | { type: 'all' };

/** A channel that carries invalidations between instances (Redis pub/sub, or PostgreSQL NOTIFY). */
export interface InvalidationChannel {
  /** This instance's id: its own messages are not applied twice. */
  readonly origin: string;
  /** Starts listening; resolves once listening. After a reconnect the handler gets `all`. */
  listen(handler: (message: Invalidation) => void): Promise<void>;
  /** Broadcasts a change; resolves once the channel has taken it. */
  publish(message: Exclude<Invalidation, { type: 'all' }>): Promise<unknown>;
}

/** Reads one message as published by an {@link InvalidationChannel}; null for anything else. */
export function parseInvalidation(text: string): { origin: string; message: Invalidation } | null {
  try {
    const value = JSON.parse(text) as { origin?: unknown; message?: { type?: unknown } };
    if (typeof value?.origin !== 'string' || typeof value.message?.type !== 'string') return null;
    return value as { origin: string; message: Invalidation };
  } catch {
    return null;
  }
}

/**
 * The invalidation channel of one deployment (one key prefix). Publishing uses the shared command
 * connection; listening needs a connection of its own (a subscribed connection can do nothing else).
 *
 * @example
 * const bus = new InvalidationBus(redis, subscriber, 'rulemart:');
 * await bus.listen((m) => cache.applyRemote(m));
 * await bus.publish({ type: 'key', keyId: 'key_1' });
 */
export class InvalidationBus implements InvalidationChannel {
  /** This instance's id: its own messages are not applied twice. */
  readonly origin = randomUUID();
  readonly channel: string;
  /** Where receivers acknowledge a message once they have applied it. */
  readonly ackChannel: string;
  private connectedBefore = false;
  private listening = false;
  /** Messages published here that still wait for acknowledgements: id -> what is missing. */
  private readonly waiting = new Map<string, { missing: number; done: () => void }>();
  /** Acks that arrived before PUBLISH returned its receiver count (so `missing` was not known yet). */
  private readonly early = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    prefix: string,
    /** How long `publish` waits for the other instances' acknowledgements. */
    private readonly ackTimeoutMs = 2000,
  ) {
    this.channel = `${prefix}invalidate`;
    this.ackChannel = `${prefix}invalidate-ack`;
  }

  /** Starts listening; resolves once subscribed. Each applied message is acknowledged to its sender. */
  async listen(handler: (message: Invalidation) => void): Promise<void> {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.ackChannel) return this.acknowledged(text);
      if (channel !== this.channel) return;
      const parsed = parseInvalidation(text);
      if (!parsed || parsed.origin === this.origin) return;
      handler(parsed.message);
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (typeof id === 'string') this.redis.publish(this.ackChannel, JSON.stringify({ id, origin: parsed.origin })).catch(() => {});
    });
    this.subscriber.on('ready', () => {
      // ioredis resubscribes by itself; what was published meanwhile is lost, so forget everything.
      if (this.connectedBefore) handler({ type: 'all' });
    });
    await this.subscriber.subscribe(this.channel, this.ackChannel);
    this.connectedBefore = true;
    this.listening = true;
  }

  /**
   * Broadcasts a change and resolves once every other instance subscribed at that moment has
   * applied it (each acknowledges after dropping what it cached), or after the ack timeout: so a
   * revocation answered to a client is already in force on every instance that is reachable.
   * Rejects when Redis is unreachable — the caller's own cache is already invalidated, the others'
   * caches are not.
   */
  async publish(message: Exclude<Invalidation, { type: 'all' }>): Promise<number> {
    const id = randomUUID();
    let done!: () => void;
    const acked = new Promise<void>((resolve) => (done = resolve));
    const entry = { missing: Number.POSITIVE_INFINITY, done };
    this.waiting.set(id, entry);
    try {
      const receivers = await this.redis.publish(this.channel, JSON.stringify({ origin: this.origin, id, message }));
      // Our own subscriber receives the message too (and ignores it); acks may already have come.
      const others = receivers - (this.listening ? 1 : 0);
      entry.missing = others - (this.early.get(id) ?? 0);
      if (entry.missing > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([acked, new Promise<void>((resolve) => { timer = setTimeout(resolve, this.ackTimeoutMs); })]);
        clearTimeout(timer);
      }
      return receivers;
    } finally {
      this.waiting.delete(id);
      this.early.delete(id);
    }
  }

  private acknowledged(text: string): void {
    let ack: { id?: unknown; origin?: unknown };
    try {
      ack = JSON.parse(text) as { id?: unknown; origin?: unknown };
    } catch {
      return;
    }
    if (ack.origin !== this.origin || typeof ack.id !== 'string') return;
    const entry = this.waiting.get(ack.id);
    if (!entry) return;
    if (!Number.isFinite(entry.missing)) {
      this.early.set(ack.id, (this.early.get(ack.id) ?? 0) + 1);
      return;
    }
    entry.missing -= 1;
    if (entry.missing <= 0) entry.done();
  }
}
