// Test helper: a fresh temp SQLite file in WAL mode with the billing migration applied, as the
// catalog's migration runner would apply it.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path of the billing migration file. */
export const BILLING_MIGRATION = fileURLToPath(new URL('../../catalog/migrations/sqlite/1001_billing.sql', import.meta.url));

/** Opens a connection the way the catalog does (WAL, busy timeout). */
export function openTestConnection(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** A temp database with the billing tables; `cleanup` closes and deletes it. */
export function createTestDatabase(): { db: Database.Database; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-billing-'));
  const path = join(dir, 'test.db');
  const db = openTestConnection(path);
  db.exec(readFileSync(BILLING_MIGRATION, 'utf8'));
  return {
    db,
    path,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
