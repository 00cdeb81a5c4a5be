-- The catalog on PostgreSQL, the twin of migrations/sqlite/0001_catalog.sql: tenants, their API
-- keys, SKUs and their compiled versions, subscriptions, per-tenant kill switches and rollouts.
-- Timestamps stay ISO 8601 UTC text, as on SQLite, so both backends return identical values
-- (they sort chronologically as text); JSON columns stay text for the same reason.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE tenants (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  hash       TEXT NOT NULL UNIQUE,
  prefix     TEXT NOT NULL,
  scopes     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_tenant ON api_keys(tenant_id);

CREATE TABLE skus (
  id         TEXT PRIMARY KEY,
  owner      TEXT NOT NULL REFERENCES tenants(id),
  kind       TEXT NOT NULL,
  name       TEXT NOT NULL,
  visibility TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE versions (
  sku           TEXT NOT NULL REFERENCES skus(id),
  version       TEXT NOT NULL,
  major         INTEGER NOT NULL,
  minor         INTEGER NOT NULL,
  patch         INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  title         TEXT,
  description   TEXT,
  source        TEXT NOT NULL,
  source_hash   TEXT NOT NULL,
  module        TEXT NOT NULL,
  typescript    TEXT NOT NULL,
  declarations  TEXT NOT NULL,
  input_schema  TEXT NOT NULL,
  params_schema TEXT NOT NULL,
  output_schema TEXT NOT NULL,
  manifest      TEXT NOT NULL,
  input_type    TEXT NOT NULL,
  visibility    TEXT NOT NULL,
  owner         TEXT NOT NULL REFERENCES tenants(id),
  created_at    TEXT NOT NULL,
  PRIMARY KEY (sku, version)
);

CREATE TABLE subscriptions (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  sku        TEXT NOT NULL REFERENCES skus(id),
  sla        TEXT NOT NULL,
  params     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, sku)
);

CREATE TABLE sku_switches (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  sku        TEXT NOT NULL,
  enabled    BOOLEAN NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, sku)
);

CREATE TABLE rollouts (
  sku             TEXT PRIMARY KEY REFERENCES skus(id),
  stable          TEXT NOT NULL,
  canary_version  TEXT,
  canary_percent  DOUBLE PRECISION,
  canary_tenants  TEXT,
  canary_channels TEXT,
  updated_at      TEXT NOT NULL
);
