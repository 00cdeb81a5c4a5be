// RateLimitStore on PostgreSQL (the twin of billing/sqlite/rate-limit-store.ts), for a deployment
// without Redis: one row per key holding the current fixed window's count; a single UPSERT both
// checks and increments under the row lock, so the limit is never exceeded across instances.
import type pg from 'pg';
import type { RateLimitDecision, RateLimitStore } from '../stores.ts';
import { windowStart } from '../rate-limit.ts';

/** PostgreSQL fixed-window counters (table `rate_windows`). */
export class PgRateLimitStore implements RateLimitStore {
  constructor(private readonly pool: pg.Pool) {}

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision> {
    const start = windowStart(now, windowMs);
    const resetMs = start + windowMs - now;
    const { rows } = await this.pool.query(
      `INSERT INTO rate_windows (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_windows.window_start = $2 THEN rate_windows.count + 1 ELSE 1 END,
         window_start = $2
       WHERE rate_windows.window_start <> $2 OR rate_windows.count < $3
       RETURNING count`,
      [key, start, limit],
    );
    const row = rows[0] as { count: number } | undefined;
    if (!row) return { allowed: false, limit, remaining: 0, resetMs };
    return { allowed: true, limit, remaining: Math.max(0, limit - row.count), resetMs };
  }
}
