// RateLimitStore in process memory: the embedded (single-process SQLite) server's limiter. Rate-limit
// windows protect the server, not money, and last seconds to a day, so they need not survive a restart;
// keeping them off the database saves a commit per call.
import type { RateLimitDecision, RateLimitStore } from '../stores.ts';
import { windowStart } from '../rate-limit.ts';

/** Fixed-window counters in a Map; stale windows are swept as the map grows. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { start: number; windowMs: number; count: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision> {
    const start = windowStart(now, windowMs);
    const resetMs = start + windowMs - now;
    let w = this.windows.get(key);
    if (!w || w.start !== start || w.windowMs !== windowMs) {
      if (!w && this.windows.size >= this.maxKeys) this.sweep(now);
      w = { start, windowMs, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= limit) return { allowed: false, limit, remaining: 0, resetMs };
    w.count++;
    return { allowed: true, limit, remaining: limit - w.count, resetMs };
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.start + w.windowMs <= now) this.windows.delete(k);
  }
}
