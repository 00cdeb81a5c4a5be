// SlaTierStore on SQLite: operator changes are rows with the month they apply from, so an invoice for a
// past month is always computed with the table that applied then.
import type Database from 'better-sqlite3';
import type { SlaTierStore } from '../stores.ts';
import { DEFAULT_SLA_TIERS, type SlaTier, type SlaTierTable } from '../sla-tiers.ts';

interface Row {
  name: string; monthly_quota: number | null; latency_ms: number; credit_percent: string | null; credit_over_ratio: string;
}

/** SQLite SLA tiers (table `sla_tiers`) over a base table (the API.md defaults, or the operator's file). */
export class SqliteSlaTierStore implements SlaTierStore {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;
  private cache = new Map<string, SlaTierTable>();

  constructor(db: Database.Database, private readonly base: SlaTierTable = DEFAULT_SLA_TIERS) {
    // For each tier the latest version that applies from the month or before.
    this.select = db.prepare(
      `SELECT t.name, t.monthly_quota, t.latency_ms, t.credit_percent, t.credit_over_ratio FROM sla_tiers t
       WHERE t.effective_from = (SELECT MAX(effective_from) FROM sla_tiers u WHERE u.name = t.name AND u.effective_from <= ?)`,
    );
    this.upsert = db.prepare(
      `INSERT INTO sla_tiers (name, effective_from, monthly_quota, latency_ms, credit_percent, credit_over_ratio)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, effective_from) DO UPDATE SET monthly_quota = excluded.monthly_quota,
       latency_ms = excluded.latency_ms, credit_percent = excluded.credit_percent, credit_over_ratio = excluded.credit_over_ratio`,
    );
  }

  async tableFor(period: string): Promise<SlaTierTable> {
    const hit = this.cache.get(period);
    if (hit) return hit;
    const table: SlaTierTable = { ...this.base };
    for (const r of this.select.all(period) as Row[]) {
      table[r.name] = {
        name: r.name, monthlyQuota: r.monthly_quota, latencyMs: r.latency_ms, creditPercent: r.credit_percent,
        creditOverRatio: r.credit_over_ratio,
      };
    }
    // The quota middleware reads this on every call; the cache is dropped on every change.
    this.cache.set(period, table);
    return table;
  }

  async put(tier: SlaTier, effectiveFrom: string): Promise<void> {
    this.upsert.run(tier.name, effectiveFrom, tier.monthlyQuota, tier.latencyMs, tier.creditPercent, tier.creditOverRatio);
    this.cache.clear();
  }
}
