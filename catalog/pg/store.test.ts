// Runs the shared catalog store suite against PostgreSQL (one schema for the file, emptied between tests), plus the
// PostgreSQL specifics: migrations applied once even by instances starting together, and
// concurrent publishes of one new SKU by two owners.
import { afterAll, describe, expect, it } from 'vitest';
import { catalogStoreSuite, sampleVersion } from '../store.suite.ts';
import { ConflictError } from '../store.ts';
import { openPg } from './db.ts';
import { migratePg } from './migrate.ts';
import { createPgCatalogStore } from './store.ts';
import { dropSchema, freshSchemaName, openTestPg, urlWithSchema } from './testing.ts';

// One migrated schema for the whole suite, emptied after each test: a fresh schema per test would
// spend most of the suite's time migrating.
let shared: Awaited<ReturnType<typeof openTestPg>> | null = null;
afterAll(async () => { await shared?.drop(); });
catalogStoreSuite('postgres', async () => {
  shared ??= await openTestPg();
  const { handle } = shared;
  return {
    store: createPgCatalogStore(handle),
    cleanup: async () => {
      await handle.pool.query('TRUNCATE settings, tenants, api_keys, skus, versions, subscriptions, sku_switches, rollouts CASCADE');
    },
  };
});

describe('PostgreSQL catalog database', () => {
  it('applies each migration once, even when instances open it together', async () => {
    const schema = freshSchemaName();
    try {
      const handles = await Promise.all([openPg(urlWithSchema(schema), { max: 2 }), openPg(urlWithSchema(schema), { max: 2 })]);
      const { rows } = await handles[0]!.pool.query('SELECT name FROM schema_migrations ORDER BY name');
      expect(rows.map((r: { name: string }) => r.name)).toEqual(['0001_catalog.sql', '1001_billing.sql', '1002_usage_events_lean.sql']);
      expect(await migratePg(handles[1]!.pool)).toEqual([]);
      await Promise.all(handles.map((h) => h.close()));
    } finally {
      await dropSchema(schema);
    }
  });

  it('lets exactly one of two owners claim a new SKU published concurrently', async () => {
    const { handle, drop } = await openTestPg();
    const store = createPgCatalogStore(handle);
    try {
      await store.createTenant({ id: 'acme', name: 'Acme' });
      await store.createTenant({ id: 'beta', name: 'Beta' });
      const results = await Promise.allSettled([
        store.insertVersions([sampleVersion('promo:race:v1', '1.0.0', 'acme')]),
        store.insertVersions([sampleVersion('promo:race:v1', '1.0.0', 'beta')]),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).toBeInstanceOf(ConflictError);
      expect(await store.listVersions('promo:race:v1')).toHaveLength(1);
    } finally {
      await drop();
    }
  });

  it('refuses a DATABASE_URL that is not postgres:// or names a bad schema', async () => {
    await expect(openPg('mysql://x@127.0.0.1/test')).rejects.toThrow(/postgres/);
    await expect(openPg('postgres://x@127.0.0.1/test?schema=bad-name;drop')).rejects.toThrow(/schema/);
  });
});

describe('PostgreSQL migrations', () => {
  it('twin every SQLite migration file by name', async () => {
    const { migrationFiles, migrationsDir } = await import('../migrate.ts');
    expect(migrationFiles(migrationsDir('pg'))).toEqual(migrationFiles(migrationsDir('sqlite')));
  });
});
