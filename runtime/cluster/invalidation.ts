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
  private connectedBefore = false;

  constructor(private readonly redis: Redis, private readonly subscriber: Redis, prefix: string) {
    this.channel = `${prefix}invalidate`;
  }

  /** Starts listening; resolves once subscribed. */
  async listen(handler: (message: Invalidation) => void): Promise<void> {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      const parsed = parseInvalidation(text);
      if (parsed && parsed.origin !== this.origin) handler(parsed.message);
    });
    this.subscriber.on('ready', () => {
      // ioredis resubscribes by itself; what was published meanwhile is lost, so forget everything.
      if (this.connectedBefore) handler({ type: 'all' });
    });
    await this.subscriber.subscribe(this.channel);
    this.connectedBefore = true;
  }

  /**
   * Broadcasts a change; resolves once Redis has handed it to every subscriber. Rejects when Redis
   * is unreachable — the caller's own cache is already invalidated, the others' caches are not.
   */
  async publish(message: Exclude<Invalidation, { type: 'all' }>): Promise<number> {
    return this.redis.publish(this.channel, JSON.stringify({ origin: this.origin, message }));
  }
}
