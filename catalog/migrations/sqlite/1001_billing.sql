-- Billing, limits and metering tables (issue 4): usage events, error counters, idempotency records,
-- rate-limit windows, monthly quota counters, promotion redemptions and the SLA tier table.
-- Money is stored as decimal TEXT and only ever computed with exact decimal arithmetic.

-- One row per billable unit. `dedupe_key` (tenant + Idempotency-Key + unit index) makes a retried
-- request unable to bill twice even when it runs again after a crash.
CREATE TABLE IF NOT EXISTS usage_events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT    NOT NULL UNIQUE,
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
CREATE INDEX IF NOT EXISTS usage_events_tenant_at ON usage_events (tenant, at);
CREATE INDEX IF NOT EXISTS usage_events_at ON usage_events (at);

-- Failed (non-billable) calls, counted per hour for GET /v1/usage.
CREATE TABLE IF NOT EXISTS usage_errors (
  tenant     TEXT    NOT NULL,
  sku        TEXT    NOT NULL,
  hour_start INTEGER NOT NULL,                -- epoch milliseconds, multiple of 3,600,000
  errors     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, sku, hour_start)
);

-- Idempotency-Key records: in progress (a lease) or completed (the stored first response).
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope        TEXT    NOT NULL,              -- the tenant
  key          TEXT    NOT NULL,
  fingerprint  TEXT    NOT NULL,              -- sha256 of method, path and body
  state        TEXT    NOT NULL,              -- 'in-progress' | 'completed'
  token        TEXT    NOT NULL,              -- owner of the in-progress lease
  locked_until INTEGER NOT NULL,
  status       INTEGER,
  headers      TEXT,
  body         TEXT,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_expires ON idempotency_keys (expires_at);

-- Fixed-window rate-limit counters: one row per key, reset when a new window starts.
CREATE TABLE IF NOT EXISTS rate_windows (
  key          TEXT    PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count        INTEGER NOT NULL
);

-- Monthly quota counters (scope = tenant, or tenant/key when the SKU's quotaScope is api-key).
CREATE TABLE IF NOT EXISTS quota_counters (
  scope  TEXT    NOT NULL,
  sku    TEXT    NOT NULL,
  period TEXT    NOT NULL,                    -- YYYY-MM (UTC)
  used   INTEGER NOT NULL,
  PRIMARY KEY (scope, sku, period)
);

-- Promotion limits: what is held per tenant and promotion SKU, per customer, and each redemption.
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
  key         TEXT    NOT NULL,               -- the Idempotency-Key (an order id)
  customer    TEXT,
  units       INTEGER NOT NULL,
  amount      TEXT,                           -- budget reserved (money)
  state       TEXT    NOT NULL,               -- 'held' | 'released'
  result      TEXT    NOT NULL,               -- the promotion output, JSON
  created_at  INTEGER NOT NULL,
  released_at INTEGER,
  UNIQUE (tenant, sku, key)
);

-- The SLA tier table, versioned by the month from which a version applies.
CREATE TABLE IF NOT EXISTS sla_tiers (
  name              TEXT    NOT NULL,
  effective_from    TEXT    NOT NULL,         -- YYYY-MM
  monthly_quota     INTEGER,                  -- NULL = unlimited
  latency_ms        INTEGER NOT NULL,
  credit_percent    TEXT,                     -- NULL = no credit
  credit_over_ratio TEXT    NOT NULL DEFAULT '0.005',
  PRIMARY KEY (name, effective_from)
);
