// UsageStore on SQLite. Appends go through the group commit: events of one event-loop turn are written
// in one transaction, and each append's promise resolves only after that transaction has committed.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { NewUsageEvent, UsageBucket, UsageEvent, UsageQuery, UsageStore, UsageSummaryRow } from '../stores.ts';
import { bucketStart } from '../period.ts';
import { latencyPercentiles } from '../percentile.ts';
import { GroupCommit } from './group-commit.ts';

interface EventRow {
  id: string; tenant: string; key_id: string | null; sku: string; version: string; at: number; units: number;
  request_bytes: number; response_bytes: number; latency_ms: number; status: number; sla: string; canary: number;
}

/** SQLite usage events (tables from catalog/migrations/sqlite/1001_billing.sql). */
export class SqliteUsageStore implements UsageStore {
  private readonly insert: Database.Statement;
  private readonly upsertErrors: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly commits: GroupCommit = new GroupCommit(db),
  ) {
    this.insert = db.prepare(
      `INSERT INTO usage_events (id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes,
         latency_ms, status, sla, canary, dedupe_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    this.upsertErrors = db.prepare(
      `INSERT INTO usage_errors (tenant, sku, hour_start, errors) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant, sku, hour_start) DO UPDATE SET errors = errors + excluded.errors`,
    );
  }

  private writeEvents(events: NewUsageEvent[]): number {
    let written = 0;
    for (const e of events) {
      const at = Date.parse(e.at);
      const r = this.insert.run(
        e.id ?? randomUUID(), e.tenant, e.keyId, e.sku, e.version, Number.isFinite(at) ? at : Date.now(), e.units,
        e.requestBytes, e.responseBytes, e.latencyMs, e.status, e.sla, e.canary ? 1 : 0, e.dedupeKey ?? null,
      );
      written += r.changes;
    }
    return written;
  }

  append(events: NewUsageEvent[]): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    return this.commits.submit(() => this.writeEvents(events), { single: events.length === 1 });
  }

  async recordErrors(tenant: string, sku: string, atMs: number, count: number): Promise<void> {
    if (count > 0) await this.commits.submit(() => this.upsertErrors.run(tenant, sku, bucketStart(atMs, 'hour'), count));
  }

  async summarize(q: UsageQuery, thresholds: Record<string, number>): Promise<UsageSummaryRow[]> {
    const rows = this.db
      .prepare(
        `WITH th AS (SELECT key AS sla, value AS ms FROM json_each(?))
         SELECT e.tenant AS tenant, e.sku AS sku, e.sla AS sla, SUM(e.units) AS calls, COUNT(*) AS events,
                SUM(e.response_bytes) AS responseBytes,
                SUM(CASE WHEN th.ms IS NOT NULL AND e.latency_ms > th.ms THEN e.units ELSE 0 END) AS slowCalls
         FROM usage_events e LEFT JOIN th ON th.sla = e.sla
         WHERE e.at >= ? AND e.at < ? AND (? IS NULL OR e.tenant = ?) AND (? IS NULL OR e.sku = ?)
         GROUP BY e.tenant, e.sku, e.sla ORDER BY e.tenant, e.sku, e.sla`,
      )
      .all(JSON.stringify(thresholds), q.from, q.to, q.tenant ?? null, q.tenant ?? null, q.sku ?? null, q.sku ?? null);
    return rows as UsageSummaryRow[];
  }

  async series(q: UsageQuery, granularity: 'hour' | 'day'): Promise<UsageBucket[]> {
    const buckets = new Map<string, { start: number; sku: string; calls: number; req: number; res: number; errors: number; lat: number[] }>();
    const get = (start: number, sku: string) => {
      const k = `${start}\0${sku}`;
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = { start, sku, calls: 0, req: 0, res: 0, errors: 0, lat: [] }));
      return b;
    };
    const events = this.db
      .prepare(
        `SELECT sku, at, units, request_bytes AS req, response_bytes AS res, latency_ms AS lat FROM usage_events
         WHERE at >= ? AND at < ? AND (? IS NULL OR tenant = ?) AND (? IS NULL OR sku = ?)`,
      )
      .iterate(q.from, q.to, q.tenant ?? null, q.tenant ?? null, q.sku ?? null, q.sku ?? null) as IterableIterator<{
      sku: string; at: number; units: number; req: number; res: number; lat: number;
    }>;
    for (const e of events) {
      const b = get(bucketStart(e.at, granularity), e.sku);
      b.calls += e.units;
      b.req += e.req;
      b.res += e.res;
      b.lat.push(e.lat);
    }
    const errors = this.db
      .prepare(
        `SELECT sku, hour_start AS at, errors FROM usage_errors
         WHERE hour_start >= ? AND hour_start < ? AND (? IS NULL OR tenant = ?) AND (? IS NULL OR sku = ?)`,
      )
      .all(bucketStart(q.from, 'hour'), q.to, q.tenant ?? null, q.tenant ?? null, q.sku ?? null, q.sku ?? null) as {
      sku: string; at: number; errors: number;
    }[];
    for (const e of errors) get(bucketStart(e.at, granularity), e.sku).errors += e.errors;
    return [...buckets.values()]
      .sort((a, b) => a.start - b.start || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
      .map((b) => ({
        start: new Date(b.start).toISOString(),
        sku: b.sku,
        calls: b.calls,
        requestBytes: b.req,
        responseBytes: b.res,
        errors: b.errors,
        latencyMs: latencyPercentiles(b.lat),
      }));
  }

  async list(q: UsageQuery, limit = 1_000_000): Promise<UsageEvent[]> {
    const rows = this.db
      .prepare(
        `SELECT id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes, latency_ms, status, sla, canary
         FROM usage_events WHERE at >= ? AND at < ? AND (? IS NULL OR tenant = ?) AND (? IS NULL OR sku = ?)
         ORDER BY seq LIMIT ?`,
      )
      .all(q.from, q.to, q.tenant ?? null, q.tenant ?? null, q.sku ?? null, q.sku ?? null, limit) as EventRow[];
    return rows.map((r) => ({
      id: r.id, tenant: r.tenant, keyId: r.key_id, sku: r.sku, version: r.version, at: new Date(r.at).toISOString(),
      units: r.units, requestBytes: r.request_bytes, responseBytes: r.response_bytes, latencyMs: r.latency_ms,
      status: r.status, sla: r.sla, canary: r.canary === 1,
    }));
  }
}
