-- Billing, limits and metering on PostgreSQL, the twin of migrations/sqlite/1001_billing.sql.
-- Epoch-millisecond columns are BIGINT; money is decimal TEXT, computed only with exact decimals.

CREATE TABLE IF NOT EXISTS usage_events (
  seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  tenant         TEXT    NOT NULL,
  key_id         TEXT,
  sku            TEXT    NOT NULL,
  version        TEXT    NOT NULL,
  at             BIGINT  NOT NULL,
  units          INTEGER NOT NULL DEFAULT 1,
  request_bytes  BIGINT  NOT NULL DEFAULT 0,
  response_bytes BIGINT  NOT NULL DEFAULT 0,
  latency_ms     DOUBLE PRECISION NOT NULL DEFAULT 0,
  status         INTEGER NOT NULL,
  sla            TEXT    NOT NULL,
  canary         INTEGER NOT NULL DEFAULT 0,
  dedupe_key     TEXT    UNIQUE
);
CREATE INDEX IF NOT EXISTS usage_events_tenant_at ON usage_events (tenant, at);
CREATE INDEX IF NOT EXISTS usage_events_at ON usage_events (at);

CREATE TABLE IF NOT EXISTS usage_errors (
  tenant     TEXT    NOT NULL,
  sku        TEXT    NOT NULL,
  hour_start BIGINT  NOT NULL,
  errors     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, sku, hour_start)
);

CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope        TEXT    NOT NULL,
  key          TEXT    NOT NULL,
  fingerprint  TEXT    NOT NULL,
  state        TEXT    NOT NULL,
  token        TEXT    NOT NULL,
  locked_until BIGINT  NOT NULL,
  status       INTEGER,
  headers      TEXT,
  body         TEXT,
  created_at   BIGINT  NOT NULL,
  expires_at   BIGINT  NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_expires ON idempotency_keys (expires_at);

CREATE TABLE IF NOT EXISTS rate_windows (
  key          TEXT    PRIMARY KEY,
  window_start BIGINT  NOT NULL,
  count        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS quota_counters (
  scope  TEXT    NOT NULL,
  sku    TEXT    NOT NULL,
  period TEXT    NOT NULL,
  used   BIGINT  NOT NULL,
  PRIMARY KEY (scope, sku, period)
);

CREATE TABLE IF NOT EXISTS redemption_totals (
  tenant      TEXT    NOT NULL,
  sku         TEXT    NOT NULL,
  redemptions INTEGER NOT NULL DEFAULT 0,
  budget_used TEXT    NOT NULL DEFAULT '0',
  PRIMARY KEY (tenant, sku)
);
CREATE TABLE IF NOT EXISTS redemption_customers (
  tenant   TEXT    NOT NULL,
  sku      TEXT    NOT NULL,
  customer TEXT    NOT NULL,
  held     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, sku, customer)
);
CREATE TABLE IF NOT EXISTS redemptions (
  id          TEXT    PRIMARY KEY,
  tenant      TEXT    NOT NULL,
  sku         TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  customer    TEXT,
  units       INTEGER NOT NULL,
  amount      TEXT,
  state       TEXT    NOT NULL,
  result      TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  released_at BIGINT,
  UNIQUE (tenant, sku, key)
);

CREATE TABLE IF NOT EXISTS sla_tiers (
  name              TEXT    NOT NULL,
  effective_from    TEXT    NOT NULL,
  monthly_quota     BIGINT,
  latency_ms        INTEGER NOT NULL,
  credit_percent    TEXT,
  credit_over_ratio TEXT    NOT NULL DEFAULT '0.005',
  PRIMARY KEY (name, effective_from)
);
