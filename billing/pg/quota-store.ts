// QuotaStore on PostgreSQL (the twin of billing/sqlite/quota-store.ts), for a deployment without
// Redis: monthly counters whose increment and limit check are one UPSERT under the row lock.
import type pg from 'pg';
import type { QuotaDecision, QuotaStore } from '../stores.ts';

/** PostgreSQL monthly quota counters (table `quota_counters`). */
export class PgQuotaStore implements QuotaStore {
  constructor(private readonly pool: pg.Pool) {}

  async consume(scope: string, sku: string, period: string, units: number, limit: number | null): Promise<QuotaDecision> {
    if (limit !== null && units > limit) return { ok: false, used: await this.used(scope, sku, period), limit };
    const { rows } = await this.pool.query(
      `INSERT INTO quota_counters (scope, sku, period, used) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, sku, period) DO UPDATE SET used = quota_counters.used + $4
       WHERE $5::bigint IS NULL OR quota_counters.used + $4 <= $5
       RETURNING used`,
      [scope, sku, period, units, limit],
    );
    const row = rows[0] as { used: string } | undefined;
    if (!row) return { ok: false, used: await this.used(scope, sku, period), limit };
    return { ok: true, used: Number(row.used), limit };
  }

  async refund(scope: string, sku: string, period: string, units: number): Promise<void> {
    if (units <= 0) return;
    await this.pool.query('UPDATE quota_counters SET used = GREATEST(0, used - $1) WHERE scope = $2 AND sku = $3 AND period = $4', [units, scope, sku, period]);
  }

  async used(scope: string, sku: string, period: string): Promise<number> {
    const { rows } = await this.pool.query('SELECT used FROM quota_counters WHERE scope = $1 AND sku = $2 AND period = $3', [scope, sku, period]);
    return rows[0] ? Number((rows[0] as { used: string }).used) : 0;
  }
}
