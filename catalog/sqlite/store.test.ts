// Runs the shared catalog store suite against SQLite, a fresh file per test, plus SQLite specifics.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../db.ts';
import { migrateSqlite } from '../migrate.ts';
import { catalogStoreSuite } from '../store.suite.ts';
import { createSqliteCatalogStore } from './store.ts';

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-catalog-'));
  const handle = openSqlite(join(dir, 'catalog.db'));
  return { dir, handle };
}

catalogStoreSuite('sqlite', async () => {
  const { dir, handle } = fresh();
  const store = createSqliteCatalogStore(handle);
  return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('SQLite catalog database', () => {
  it('opens in WAL mode with full sync and applies each migration once', () => {
    const { dir, handle } = fresh();
    try {
      expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      const names = (handle.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name);
      expect(names).toContain('0001_catalog.sql');
      expect(migrateSqlite(handle.sqlite)).toEqual([]);
    } finally {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
