// SlaTierStore on PostgreSQL (the twin of billing/sqlite/sla-tier-store.ts): operator changes are rows
// with the month they apply from. The quota check reads the table on every call, so it is cached for
// a few seconds: a change made through another instance applies everywhere within CACHE_MS.
import type pg from 'pg';
import type { SlaTierStore } from '../stores.ts';
import { DEFAULT_SLA_TIERS, type SlaTier, type SlaTierTable } from '../sla-tiers.ts';

interface Row {
  name: string; monthly_quota: string | null; latency_ms: number; credit_percent: string | null; credit_over_ratio: string;
}

const CACHE_MS = 5000;

/** PostgreSQL SLA tiers (table `sla_tiers`) over a base table. */
export class PgSlaTierStore implements SlaTierStore {
  private cache = new Map<string, { table: SlaTierTable; until: number }>();

  constructor(private readonly pool: pg.Pool, private readonly base: SlaTierTable = DEFAULT_SLA_TIERS) {}

  /** Drops the cache (called on a change broadcast by another instance). */
  invalidate(): void {
    this.cache.clear();
  }

  async tableFor(period: string): Promise<SlaTierTable> {
    const hit = this.cache.get(period);
    if (hit && hit.until > Date.now()) return hit.table;
    const { rows } = await this.pool.query(
      `SELECT t.name, t.monthly_quota, t.latency_ms, t.credit_percent, t.credit_over_ratio FROM sla_tiers t
       WHERE t.effective_from = (SELECT MAX(effective_from) FROM sla_tiers u WHERE u.name = t.name AND u.effective_from <= $1)`,
      [period],
    );
    const table: SlaTierTable = { ...this.base };
    for (const r of rows as Row[]) {
      table[r.name] = {
        name: r.name, monthlyQuota: r.monthly_quota === null ? null : Number(r.monthly_quota), latencyMs: r.latency_ms,
        creditPercent: r.credit_percent, creditOverRatio: r.credit_over_ratio,
      };
    }
    this.cache.set(period, { table, until: Date.now() + CACHE_MS });
    return table;
  }

  async put(tier: SlaTier, effectiveFrom: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO sla_tiers (name, effective_from, monthly_quota, latency_ms, credit_percent, credit_over_ratio)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name, effective_from) DO UPDATE SET monthly_quota = excluded.monthly_quota,
       latency_ms = excluded.latency_ms, credit_percent = excluded.credit_percent, credit_over_ratio = excluded.credit_over_ratio`,
      [tier.name, effectiveFrom, tier.monthlyQuota, tier.latencyMs, tier.creditPercent, tier.creditOverRatio],
    );
    this.cache.clear();
  }
}
