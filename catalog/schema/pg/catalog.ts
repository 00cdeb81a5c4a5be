// drizzle-orm table definitions of the catalog for PostgreSQL, the twin of schema/sqlite/catalog.ts;
// the tables themselves are created by migrations/pg/0001_catalog.sql and must match it column for column.
import { boolean, doublePrecision, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
});

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  hash: text('hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  scopes: text('scopes').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

export const skus = pgTable('skus', {
  id: text('id').primaryKey(),
  owner: text('owner').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  visibility: text('visibility').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const versions = pgTable(
  'versions',
  {
    sku: text('sku').notNull(),
    version: text('version').notNull(),
    major: integer('major').notNull(),
    minor: integer('minor').notNull(),
    patch: integer('patch').notNull(),
    kind: text('kind').notNull(),
    title: text('title'),
    description: text('description'),
    source: text('source').notNull(),
    sourceHash: text('source_hash').notNull(),
    module: text('module').notNull(),
    typescript: text('typescript').notNull(),
    declarations: text('declarations').notNull(),
    inputSchema: text('input_schema').notNull(),
    paramsSchema: text('params_schema').notNull(),
    outputSchema: text('output_schema').notNull(),
    manifest: text('manifest').notNull(),
    inputType: text('input_type').notNull(),
    visibility: text('visibility').notNull(),
    owner: text('owner').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sku, t.version] })],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    tenantId: text('tenant_id').notNull(),
    sku: text('sku').notNull(),
    sla: text('sla').notNull(),
    params: text('params').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sku] })],
);

export const skuSwitches = pgTable(
  'sku_switches',
  {
    tenantId: text('tenant_id').notNull(),
    sku: text('sku').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sku] })],
);

export const rollouts = pgTable('rollouts', {
  sku: text('sku').primaryKey(),
  stable: text('stable').notNull(),
  canaryVersion: text('canary_version'),
  canaryPercent: doublePrecision('canary_percent'),
  canaryTenants: text('canary_tenants'),
  canaryChannels: text('canary_channels'),
  updatedAt: text('updated_at').notNull(),
});
