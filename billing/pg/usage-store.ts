// UsageStore on PostgreSQL: the usage ledger of the scale-out mode (the twin of
// billing/sqlite/usage-store.ts). An append is one INSERT of all its events (a JSON array) that
// skips any event whose id or dedupe key the ledger has already, so the stream consumer may
// redeliver safely.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { NewUsageEvent, UsageBucket, UsageEvent, UsageQuery, UsageStore, UsageSummaryRow } from '../stores.ts';
import { bucketStart } from '../period.ts';
import { latencyPercentiles } from '../percentile.ts';
import { toPgText } from './text.ts';

/** Rows per INSERT: one JSON parameter each, so no bind-parameter limit applies; this bounds its size. */
const ROWS_PER_INSERT = 5000;

/**
 * The events arrive as one JSON array parameter, turned into rows by PostgreSQL: per event this costs
 * the client one object in a JSON.stringify instead of 14 bind parameters and their placeholders
 * (about half the instance CPU of the stream consumer's insert). Text columns hold no U+0000
 * (toPgText), so JSON carries them as they are.
 */
const INSERT_EVENTS = `INSERT INTO usage_events (id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes,
     latency_ms, status, sla, canary, dedupe_key)
   SELECT id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes, latency_ms, status, sla, canary, dedupe_key
   FROM json_to_recordset($1::json) AS e(id text, tenant text, key_id text, sku text, version text, at bigint, units integer,
     request_bytes bigint, response_bytes bigint, latency_ms double precision, status integer, sla text, canary integer, dedupe_key text)
   ON CONFLICT DO NOTHING`;

interface EventRow {
  id: string; tenant: string; key_id: string | null; sku: string; version: string; at: string; units: number;
  request_bytes: string; response_bytes: string; latency_ms: number; status: number; sla: string; canary: number;
}

/** PostgreSQL usage events (tables from catalog/migrations/pg/1001_billing.sql). */
export class PgUsageStore implements UsageStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(events: NewUsageEvent[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
      const rows = events.slice(start, start + ROWS_PER_INSERT).map((e) => {
        const at = Date.parse(e.at);
        return {
          id: e.id ?? randomUUID(), tenant: e.tenant, key_id: e.keyId, sku: e.sku, version: e.version, at: Number.isFinite(at) ? at : Date.now(),
          units: e.units, request_bytes: e.requestBytes, response_bytes: e.responseBytes, latency_ms: e.latencyMs, status: e.status,
          sla: e.sla, canary: e.canary ? 1 : 0, dedupe_key: toPgText(e.dedupeKey ?? null),
        };
      });
      // No conflict target: a duplicate id (a redelivery) and a duplicate dedupe key (a retried
      // request) are both skipped.
      const result = await this.pool.query(INSERT_EVENTS, [JSON.stringify(rows)]);
      written += result.rowCount ?? 0;
    }
    return written;
  }

  async recordErrors(tenant: string, sku: string, atMs: number, count: number): Promise<void> {
    if (count <= 0) return;
    await this.pool.query(
      `INSERT INTO usage_errors (tenant, sku, hour_start, errors) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant, sku, hour_start) DO UPDATE SET errors = usage_errors.errors + excluded.errors`,
      [tenant, sku, bucketStart(atMs, 'hour'), count],
    );
  }

  async summarize(q: UsageQuery, thresholds: Record<string, number>): Promise<UsageSummaryRow[]> {
    const { rows } = await this.pool.query(
      `WITH th AS (SELECT key AS sla, value::double precision AS ms FROM jsonb_each_text($1::jsonb))
       SELECT e.tenant, e.sku, e.sla, SUM(e.units)::bigint AS calls, COUNT(*)::bigint AS events,
              SUM(e.response_bytes)::bigint AS response_bytes,
              SUM(CASE WHEN th.ms IS NOT NULL AND e.latency_ms > th.ms THEN e.units ELSE 0 END)::bigint AS slow_calls
       FROM usage_events e LEFT JOIN th ON th.sla = e.sla
       WHERE e.at >= $2 AND e.at < $3 AND ($4::text IS NULL OR e.tenant = $4) AND ($5::text IS NULL OR e.sku = $5)
       GROUP BY e.tenant, e.sku, e.sla ORDER BY e.tenant COLLATE "C", e.sku COLLATE "C", e.sla COLLATE "C"`,
      [JSON.stringify(thresholds), q.from, q.to, q.tenant ?? null, q.sku ?? null],
    );
    return rows.map((r: Record<string, string>) => ({
      tenant: r.tenant!, sku: r.sku!, sla: r.sla!, calls: Number(r.calls), events: Number(r.events),
      responseBytes: Number(r.response_bytes), slowCalls: Number(r.slow_calls),
    }));
  }

  async series(q: UsageQuery, granularity: 'hour' | 'day'): Promise<UsageBucket[]> {
    const buckets = new Map<string, { start: number; sku: string; calls: number; req: number; res: number; errors: number; lat: number[] }>();
    const get = (start: number, sku: string) => {
      const k = `${start}\0${sku}`;
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = { start, sku, calls: 0, req: 0, res: 0, errors: 0, lat: [] }));
      return b;
    };
    const events = await this.pool.query(
      `SELECT sku, at, units, request_bytes AS req, response_bytes AS res, latency_ms AS lat FROM usage_events
       WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR tenant = $3) AND ($4::text IS NULL OR sku = $4)`,
      [q.from, q.to, q.tenant ?? null, q.sku ?? null],
    );
    for (const e of events.rows as { sku: string; at: string; units: number; req: string; res: string; lat: number }[]) {
      const b = get(bucketStart(Number(e.at), granularity), e.sku);
      b.calls += e.units;
      b.req += Number(e.req);
      b.res += Number(e.res);
      b.lat.push(e.lat);
    }
    const errors = await this.pool.query(
      `SELECT sku, hour_start AS at, errors FROM usage_errors
       WHERE hour_start >= $1 AND hour_start < $2 AND ($3::text IS NULL OR tenant = $3) AND ($4::text IS NULL OR sku = $4)`,
      [bucketStart(q.from, 'hour'), q.to, q.tenant ?? null, q.sku ?? null],
    );
    for (const e of errors.rows as { sku: string; at: string; errors: number }[]) get(bucketStart(Number(e.at), granularity), e.sku).errors += e.errors;
    return [...buckets.values()]
      .sort((a, b) => a.start - b.start || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
      .map((b) => ({
        start: new Date(b.start).toISOString(), sku: b.sku, calls: b.calls, requestBytes: b.req, responseBytes: b.res,
        errors: b.errors, latencyMs: latencyPercentiles(b.lat),
      }));
  }

  async list(q: UsageQuery, limit = 1_000_000): Promise<UsageEvent[]> {
    const { rows } = await this.pool.query(
      `SELECT id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes, latency_ms, status, sla, canary
       FROM usage_events WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR tenant = $3) AND ($4::text IS NULL OR sku = $4)
       ORDER BY seq LIMIT $5`,
      [q.from, q.to, q.tenant ?? null, q.sku ?? null, limit],
    );
    return (rows as EventRow[]).map((r) => ({
      id: r.id, tenant: r.tenant, keyId: r.key_id, sku: r.sku, version: r.version, at: new Date(Number(r.at)).toISOString(),
      units: r.units, requestBytes: Number(r.request_bytes), responseBytes: Number(r.response_bytes), latencyMs: r.latency_ms,
      status: r.status, sla: r.sla, canary: r.canary === 1,
    }));
  }
}
