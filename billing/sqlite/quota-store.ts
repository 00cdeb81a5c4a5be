// QuotaStore on SQLite: monthly counters whose increment and limit check are one UPSERT.
import type Database from 'better-sqlite3';
import type { QuotaDecision, QuotaStore } from '../stores.ts';

/** SQLite monthly quota counters (table `quota_counters`). */
export class SqliteQuotaStore implements QuotaStore {
  private readonly add: Database.Statement;
  private readonly read: Database.Statement;
  private readonly sub: Database.Statement;

  constructor(db: Database.Database) {
    this.add = db.prepare(
      `INSERT INTO quota_counters (scope, sku, period, used) VALUES (@scope, @sku, @period, @units)
       ON CONFLICT (scope, sku, period) DO UPDATE SET used = used + @units
       WHERE @limit IS NULL OR used + @units <= @limit
       RETURNING used`,
    );
    this.read = db.prepare('SELECT used FROM quota_counters WHERE scope = ? AND sku = ? AND period = ?');
    this.sub = db.prepare('UPDATE quota_counters SET used = MAX(0, used - ?) WHERE scope = ? AND sku = ? AND period = ?');
  }

  async consume(scope: string, sku: string, period: string, units: number, limit: number | null): Promise<QuotaDecision> {
    if (limit !== null && units > limit) return { ok: false, used: await this.used(scope, sku, period), limit };
    const row = this.add.get({ scope, sku, period, units, limit }) as { used: number } | undefined;
    if (!row) return { ok: false, used: await this.used(scope, sku, period), limit };
    return { ok: true, used: row.used, limit };
  }

  async refund(scope: string, sku: string, period: string, units: number): Promise<void> {
    if (units > 0) this.sub.run(units, scope, sku, period);
  }

  async used(scope: string, sku: string, period: string): Promise<number> {
    return (this.read.get(scope, sku, period) as { used: number } | undefined)?.used ?? 0;
  }
}
