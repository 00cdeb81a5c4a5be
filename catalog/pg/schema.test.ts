// The drizzle definitions of catalog/schema/pg/ (catalog and billing) match the tables the
// PostgreSQL migrations make: same columns, types and nullability, and every migrated table is defined;
// and the PostgreSQL migrations have the tables and columns of the SQLite ones.
import Database from 'better-sqlite3';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { migrateSqlite } from '../migrate.ts';
import { describe, expect, it } from 'vitest';
import * as billing from '../schema/pg/billing.ts';
import * as catalog from '../schema/pg/catalog.ts';
import { openTestPg } from './testing.ts';

describe('PostgreSQL drizzle schema', () => {
  it('has the columns, types and nullability of the migrations', async () => {
    const { handle, schema, drop } = await openTestPg();
    try {
      const { rows } = await handle.pool.query(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1`, [schema]);
      const columns = rows as { table_name: string; column_name: string; data_type: string; is_nullable: string }[];
      const defined = [...Object.values(catalog), ...Object.values(billing)].map((t) => getTableConfig(t as PgTable));
      const migrated = new Set(columns.map((c) => c.table_name));
      migrated.delete('schema_migrations');
      expect(defined.map((d) => d.name).sort()).toEqual([...migrated].sort());
      for (const cfg of defined) {
        const db = columns.filter((c) => c.table_name === cfg.name);
        expect(cfg.columns.map((c) => c.name).sort(), cfg.name).toEqual(db.map((c) => c.column_name).sort());
        for (const c of cfg.columns) {
          const col = db.find((x) => x.column_name === c.name)!;
          expect(c.getSQLType(), `${cfg.name}.${c.name}`).toBe(col.data_type);
          expect(c.notNull || c.primary, `${cfg.name}.${c.name} not null`).toBe(col.is_nullable === 'NO');
        }
      }
    } finally {
      await drop();
    }
  });

  it('has the same tables and columns as the SQLite migrations', async () => {
    const sqlite = new Database(':memory:');
    const { handle, schema, drop } = await openTestPg();
    try {
      migrateSqlite(sqlite);
      const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
      const fromSqlite = tables.flatMap((t) => (sqlite.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => `${t}.${c.name}`)).sort();
      const { rows } = await handle.pool.query('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1', [schema]);
      const fromPg = (rows as { table_name: string; column_name: string }[]).map((r) => `${r.table_name}.${r.column_name}`).sort();
      expect(fromPg).toEqual(fromSqlite);
    } finally {
      sqlite.close();
      await drop();
    }
  });
});
