-- The catalog: tenants, their API keys, SKUs and their compiled versions, subscriptions,
-- per-tenant kill switches and rollouts. Applied by catalog/migrate.ts in file-name order.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE tenants (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Only the sha256 of a key is kept; `prefix` is the first characters, for people to recognise it.
CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  hash       TEXT NOT NULL UNIQUE,
  prefix     TEXT NOT NULL,
  scopes     TEXT NOT NULL,          -- JSON array of 'execute' | 'publish' | 'read'
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_tenant ON api_keys(tenant_id);

-- A SKU belongs to the tenant that first published it; its id is global (`promo:name:v1`).
CREATE TABLE skus (
  id         TEXT PRIMARY KEY,
  owner      TEXT NOT NULL REFERENCES tenants(id),
  kind       TEXT NOT NULL,
  name       TEXT NOT NULL,
  visibility TEXT NOT NULL,          -- 'private' | 'public'
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One compiled version: exactly what the server's compiler made from `source`.
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
  module        TEXT NOT NULL,       -- executor.js
  typescript    TEXT NOT NULL,       -- executor.ts
  declarations  TEXT NOT NULL,       -- executor.d.ts
  input_schema  TEXT NOT NULL,
  params_schema TEXT NOT NULL,
  output_schema TEXT NOT NULL,
  manifest      TEXT NOT NULL,
  input_type    TEXT NOT NULL,       -- JSON Field[]: the input type, for breaking-change checks
  visibility    TEXT NOT NULL,
  owner         TEXT NOT NULL REFERENCES tenants(id),
  created_at    TEXT NOT NULL,
  PRIMARY KEY (sku, version)
);

CREATE TABLE subscriptions (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  sku        TEXT NOT NULL REFERENCES skus(id),
  sla        TEXT NOT NULL,          -- 'bronze' | 'silver' | 'gold'
  params     TEXT NOT NULL,          -- JSON object
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, sku)
);

-- The operator's kill switch; no row means enabled.
CREATE TABLE sku_switches (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  sku        TEXT NOT NULL,
  enabled    INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, sku)
);

CREATE TABLE rollouts (
  sku             TEXT PRIMARY KEY REFERENCES skus(id),
  stable          TEXT NOT NULL,
  canary_version  TEXT,
  canary_percent  REAL,
  canary_tenants  TEXT,              -- JSON array
  canary_channels TEXT,              -- JSON array
  updated_at      TEXT NOT NULL
);
