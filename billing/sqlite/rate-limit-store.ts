// RateLimitStore on SQLite: one row per key holding the current fixed window's count; a single
// UPSERT both checks and increments, so the limit is never exceeded.
import type Database from 'better-sqlite3';
import type { RateLimitDecision, RateLimitStore } from '../stores.ts';
import { windowStart } from '../rate-limit.ts';
import { GroupCommit } from './group-commit.ts';

/** SQLite fixed-window counters (table `rate_windows`). */
export class SqliteRateLimitStore implements RateLimitStore {
  private readonly upsert: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {
    // In the DO UPDATE clause, bare column names are the row's old values.
    this.upsert = db.prepare(
      `INSERT INTO rate_windows (key, window_start, count) VALUES (@key, @start, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start = @start THEN count + 1 ELSE 1 END,
         window_start = @start
       WHERE window_start <> @start OR count < @limit
       RETURNING count`,
    );
  }

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision> {
    const start = windowStart(now, windowMs);
    const resetMs = start + windowMs - now;
    const row = (await this.commits.submit(() => this.upsert.get({ key, start, limit }))) as { count: number } | undefined;
    if (!row) return { allowed: false, limit, remaining: 0, resetMs };
    return { allowed: true, limit, remaining: Math.max(0, limit - row.count), resetMs };
  }
}
