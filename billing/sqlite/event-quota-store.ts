// QuotaStore for the embedded server: the month's count is the durable usage events themselves (read
// once per tenant, SKU and month), plus the units of calls in flight, kept in memory. Nothing extra is
// written per call, and after a crash the count restarts from exactly what was billed. Valid while one
// server process owns the database file (the embedded mode); several processes use SqliteQuotaStore.
import type Database from 'better-sqlite3';
import type { QuotaDecision, QuotaStore } from '../stores.ts';
import { monthRange } from '../period.ts';

/** Quota counters derived from `usage_events`. Scopes are `tenant` or `tenant/keyId` (limit middlewares' format). */
export class EventQuotaStore implements QuotaStore {
  private readonly counters = new Map<string, number>();
  private readonly byTenant: Database.Statement;
  private readonly byKey: Database.Statement;

  constructor(db: Database.Database) {
    this.byTenant = db.prepare('SELECT COALESCE(SUM(units), 0) AS n FROM usage_events WHERE tenant = ? AND sku = ? AND at >= ? AND at < ?');
    this.byKey = db.prepare('SELECT COALESCE(SUM(units), 0) AS n FROM usage_events WHERE tenant = ? AND key_id = ? AND sku = ? AND at >= ? AND at < ?');
  }

  private current(scope: string, sku: string, period: string): { k: string; used: number } {
    const k = `${scope}\u0000${sku}\u0000${period}`;
    let used = this.counters.get(k);
    if (used === undefined) {
      const range = monthRange(period);
      if (!range) throw new RangeError(`not a month: ${period}`);
      const slash = scope.lastIndexOf('/');
      const row = (slash < 0
        ? this.byTenant.get(scope, sku, range.from, range.to)
        : this.byKey.get(scope.slice(0, slash), scope.slice(slash + 1), sku, range.from, range.to)) as { n: number };
      used = row.n;
      this.counters.set(k, used);
    }
    return { k, used };
  }

  async consume(scope: string, sku: string, period: string, units: number, limit: number | null): Promise<QuotaDecision> {
    const { k, used } = this.current(scope, sku, period);
    if (limit !== null && used + units > limit) return { ok: false, used, limit };
    this.counters.set(k, used + units);
    return { ok: true, used: used + units, limit };
  }

  async refund(scope: string, sku: string, period: string, units: number): Promise<void> {
    const { k, used } = this.current(scope, sku, period);
    this.counters.set(k, Math.max(0, used - units));
  }

  async used(scope: string, sku: string, period: string): Promise<number> {
    return this.current(scope, sku, period).used;
  }
}
