// QuotaStore on SQLite: monthly counters whose increment and limit check are one UPSERT.
import type Database from 'better-sqlite3';
import type { QuotaDecision, QuotaStore } from '../stores.ts';
import { GroupCommit } from './group-commit.ts';

/** SQLite monthly quota counters (table `quota_counters`). */
export class SqliteQuotaStore implements QuotaStore {
  private readonly add: Database.Statement;
  private readonly read: Database.Statement;
  private readonly sub: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {
    this.add = db.prepare(
      `INSERT INTO quota_counters (scope, sku, period, used) VALUES (@scope, @sku, @period, @units)
       ON CONFLICT (scope, sku, period) DO UPDATE SET used = used + @units
       WHERE @limit IS NULL OR used + @units <= @limit
       RETURNING used`,
    );
    this.read = db.prepare('SELECT used FROM quota_counters WHERE scope = ? AND sku = ? AND period = ?');
    this.sub = db.prepare('UPDATE quota_counters SET used = MAX(0, used - ?) WHERE scope = ? AND sku = ? AND period = ?');
  }

  consume(scope: string, sku: string, period: string, units: number, limit: number | null): Promise<QuotaDecision> {
    return this.commits.submit(() => {
      const refused = (): QuotaDecision => ({ ok: false, used: this.usedNow(scope, sku, period), limit });
      if (limit !== null && units > limit) return refused();
      const row = this.add.get({ scope, sku, period, units, limit }) as { used: number } | undefined;
      return row ? { ok: true, used: row.used, limit } : refused();
    });
  }

  async refund(scope: string, sku: string, period: string, units: number): Promise<void> {
    if (units > 0) await this.commits.submit(() => this.sub.run(units, scope, sku, period));
  }

  private usedNow(scope: string, sku: string, period: string): number {
    return (this.read.get(scope, sku, period) as { used: number } | undefined)?.used ?? 0;
  }

  async used(scope: string, sku: string, period: string): Promise<number> {
    return this.usedNow(scope, sku, period);
  }
}
