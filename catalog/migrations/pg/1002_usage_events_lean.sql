-- Twin of migrations/sqlite/1002_usage_events_lean.sql, which drops two b-trees from SQLite's
-- usage_events. PostgreSQL keeps all of its indexes, on purpose:
--   * `seq` is an identity column (a sequence, not a table row updated per insert like SQLite's
--     sqlite_sequence), so it costs nothing extra;
--   * UNIQUE on `id` is what makes the usage stream's redeliveries harmless: the consumer inserts
--     with ON CONFLICT DO NOTHING, and events without an Idempotency-Key have no dedupe key;
--   * (tenant, at), (at) and UNIQUE dedupe_key serve the same queries as in SQLite.
-- In the Redis mode the ledger is written by the stream consumer in batches, off the request path.
SELECT 1;
