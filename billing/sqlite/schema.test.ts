// The drizzle definitions of catalog/schema/sqlite/billing.ts match the tables the migration makes.
import { describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import * as schema from '../../catalog/schema/sqlite/billing.ts';
import { createTestDatabase } from './test-db.ts';

describe('billing schema', () => {
  it('has the same columns, types and nullability as the migration', () => {
    const t = createTestDatabase();
    try {
      for (const table of Object.values(schema)) {
        const cfg = getTableConfig(table as never);
        const cols = t.db.prepare(`PRAGMA table_info(${cfg.name})`).all() as { name: string; type: string; notnull: number; pk: number }[];
        expect(cols.length, cfg.name).toBeGreaterThan(0);
        expect(cfg.columns.map((c) => c.name).sort(), cfg.name).toEqual(cols.map((c) => c.name).sort());
        for (const c of cfg.columns) {
          const db = cols.find((x) => x.name === c.name)!;
          expect(c.getSQLType().toUpperCase(), `${cfg.name}.${c.name}`).toBe(db.type.toUpperCase());
          expect(c.notNull || c.primary, `${cfg.name}.${c.name} not null`).toBe(db.notnull === 1 || db.pk > 0);
        }
      }
    } finally {
      t.cleanup();
    }
  });
});
