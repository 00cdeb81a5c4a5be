// drizzle-orm table definitions of billing for PostgreSQL, the twin of schema/sqlite/billing.ts; the
// tables themselves are created by migrations/pg/1001_billing.sql and these definitions must match it
// column for column (catalog/pg/schema.test.ts checks that). The stores use plain SQL on the hot path.
import { bigint, doublePrecision, integer, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';

export const usageEvents = pgTable('usage_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  id: text('id').notNull().unique(),
  tenant: text('tenant').notNull(),
  keyId: text('key_id'),
  sku: text('sku').notNull(),
  version: text('version').notNull(),
  at: bigint('at', { mode: 'number' }).notNull(),
  units: integer('units').notNull().default(1),
  requestBytes: bigint('request_bytes', { mode: 'number' }).notNull().default(0),
  responseBytes: bigint('response_bytes', { mode: 'number' }).notNull().default(0),
  latencyMs: doublePrecision('latency_ms').notNull().default(0),
  status: integer('status').notNull(),
  sla: text('sla').notNull(),
  canary: integer('canary').notNull().default(0),
  /** Stored escaped by billing/pg/text.ts (PostgreSQL TEXT cannot hold U+0000). */
  dedupeKey: text('dedupe_key').unique(),
});

export const usageErrors = pgTable('usage_errors', {
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  hourStart: bigint('hour_start', { mode: 'number' }).notNull(),
  errors: integer('errors').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.tenant, t.sku, t.hourStart] })]);

export const idempotencyKeys = pgTable('idempotency_keys', {
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  state: text('state').notNull(),
  token: text('token').notNull(),
  lockedUntil: bigint('locked_until', { mode: 'number' }).notNull(),
  status: integer('status'),
  headers: text('headers'),
  body: text('body'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] })]);

export const rateWindows = pgTable('rate_windows', {
  key: text('key').primaryKey(),
  windowStart: bigint('window_start', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
});

export const quotaCounters = pgTable('quota_counters', {
  scope: text('scope').notNull(),
  sku: text('sku').notNull(),
  period: text('period').notNull(),
  used: bigint('used', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.sku, t.period] })]);

export const redemptionTotals = pgTable('redemption_totals', {
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  redemptions: integer('redemptions').notNull().default(0),
  budgetUsed: text('budget_used').notNull().default('0'),
}, (t) => [primaryKey({ columns: [t.tenant, t.sku] })]);

export const redemptionCustomers = pgTable('redemption_customers', {
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  customer: text('customer').notNull(),
  held: integer('held').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.tenant, t.sku, t.customer] })]);

export const redemptions = pgTable('redemptions', {
  id: text('id').primaryKey(),
  tenant: text('tenant').notNull(),
  sku: text('sku').notNull(),
  key: text('key').notNull(),
  customer: text('customer'),
  units: integer('units').notNull(),
  amount: text('amount'),
  state: text('state').notNull(),
  result: text('result').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  releasedAt: bigint('released_at', { mode: 'number' }),
}, (t) => [unique().on(t.tenant, t.sku, t.key)]);

export const slaTiers = pgTable('sla_tiers', {
  name: text('name').notNull(),
  effectiveFrom: text('effective_from').notNull(),
  monthlyQuota: bigint('monthly_quota', { mode: 'number' }),
  latencyMs: integer('latency_ms').notNull(),
  creditPercent: text('credit_percent'),
  creditOverRatio: text('credit_over_ratio').notNull().default('0.005'),
}, (t) => [primaryKey({ columns: [t.name, t.effectiveFrom] })]);
