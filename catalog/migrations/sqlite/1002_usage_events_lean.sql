-- usage_events with two b-trees fewer per insert (billing speed, issue 4). Every billable call
-- writes one row before its response, so each index is paid on the hot path:
--   * AUTOINCREMENT: every insert also read and rewrote the table's row in sqlite_sequence. A plain
--     INTEGER PRIMARY KEY gives the same ascending `seq` (max + 1), because events are never deleted.
--   * UNIQUE on `id`: a random UUID, so each insert touched a random leaf of its index (about one more
--     WAL page per event on a large ledger). Event ids are random UUIDs made by the server and no query
--     looks an event up by id; the SQLite ledger is never fed by a stream that could redeliver one
--     (that is PostgreSQL's ledger, which keeps the constraint: see the PostgreSQL twin of this file).
-- What remains serves every query of billing/: `dedupe_key` UNIQUE (exactly once across retries and
-- crashes), (tenant, at) for the quota count of one tenant's month (EventQuotaStore), (at) for the
-- usage, invoice and reconcile range scans (their tenant filter is optional, so they range over `at`).
-- SQLite cannot drop a column constraint in place: the table is rebuilt, rows and seq kept.
CREATE TABLE usage_events_lean (
  seq            INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL,
  tenant         TEXT    NOT NULL,
  key_id         TEXT,
  sku            TEXT    NOT NULL,
  version        TEXT    NOT NULL,
  at             INTEGER NOT NULL,            -- epoch milliseconds
  units          INTEGER NOT NULL DEFAULT 1,
  request_bytes  INTEGER NOT NULL DEFAULT 0,
  response_bytes INTEGER NOT NULL DEFAULT 0,
  latency_ms     REAL    NOT NULL DEFAULT 0,
  status         INTEGER NOT NULL,
  sla            TEXT    NOT NULL,
  canary         INTEGER NOT NULL DEFAULT 0,
  dedupe_key     TEXT    UNIQUE
);
INSERT INTO usage_events_lean (seq, id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes,
  latency_ms, status, sla, canary, dedupe_key)
SELECT seq, id, tenant, key_id, sku, version, at, units, request_bytes, response_bytes,
  latency_ms, status, sla, canary, dedupe_key FROM usage_events ORDER BY seq;
DROP TABLE usage_events;
ALTER TABLE usage_events_lean RENAME TO usage_events;
CREATE INDEX usage_events_tenant_at ON usage_events (tenant, at);
CREATE INDEX usage_events_at ON usage_events (at);
DELETE FROM sqlite_sequence WHERE name IN ('usage_events', 'usage_events_lean');
