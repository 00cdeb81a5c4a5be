// drizzle-orm table definitions of billing for SQLite; the tables themselves are created by
// migrations/sqlite/1001_billing.sql (usage_events as rebuilt by 1002_usage_events_lean.sql), and
// these definitions must match them column for column (billing/sqlite/schema.test.ts checks that).
// The stores use prepared SQL for the hot path.
import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const usageEvents = sqliteTable('usage_events', {
  seq: integer('seq').primaryKey(),
  id: text('id').notNull(),
  tenant: text('tenant').notNull(),
  keyId: text('key_id'),
  sku: text('sku').notNull(),
  version: text('version').notNull(),
  at: integer('at').notNull(),
  units: integer('units').notNull().default(1),
  requestBytes: integer('request_bytes').notNull().default(0),
  responseBytes: integer('response_bytes').notNull().default(0),
  latencyMs: real('latency_ms').notNull().default(0),
  status: integer('status').notNull(),
  sla: text('sla').notNull(),
  canary: integer('canary').notNull().default(0),
  dedupeKey: text('dedupe_key').unique(),
});

export const usageErrors = sqliteTable('usage_errors', {
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  hourStart: integer('hour_start').notNull(),
  errors: integer('errors').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.tenant, t.sku, t.hourStart] })]);

export const idempotencyKeys = sqliteTable('idempotency_keys', {
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  state: text('state').notNull(),
  token: text('token').notNull(),
  lockedUntil: integer('locked_until').notNull(),
  status: integer('status'),
  headers: text('headers'),
  body: text('body'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] })]);

export const rateWindows = sqliteTable('rate_windows', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

export const quotaCounters = sqliteTable('quota_counters', {
  scope: text('scope').notNull(),
  sku: text('sku').notNull(),
  period: text('period').notNull(),
  used: integer('used').notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.sku, t.period] })]);

export const redemptionTotals = sqliteTable('redemption_totals', {
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  redemptions: integer('redemptions').notNull().default(0),
  budgetUsed: text('budget_used').notNull().default('0'),
}, (t) => [primaryKey({ columns: [t.tenant, t.sku] })]);

export const redemptionCustomers = sqliteTable('redemption_customers', {
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  customer: text('customer').notNull(),
  held: integer('held').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.tenant, t.sku, t.customer] })]);

export const redemptions = sqliteTable('redemptions', {
  id: text('id').primaryKey(),
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  key: text('key').notNull(),
  customer: text('customer'),
  units: integer('units').notNull(),
  amount: text('amount'),
  state: text('state').notNull(),
  result: text('result').notNull(),
  createdAt: integer('created_at').notNull(),
  releasedAt: integer('released_at'),
});

export const slaTiers = sqliteTable('sla_tiers', {
  name: text('name').notNull(),
  effectiveFrom: text('effective_from').notNull(),
  monthlyQuota: integer('monthly_quota'),
  latencyMs: integer('latency_ms').notNull(),
  creditPercent: text('credit_percent'),
  creditOverRatio: text('credit_over_ratio').notNull().default('0.005'),
}, (t) => [primaryKey({ columns: [t.name, t.effectiveFrom] })]);
