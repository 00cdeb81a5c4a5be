// Applies the plain SQL migrations of catalog/migrations/<dialect>/ in file-name order and records
// each applied file, so a database is brought up to date once per file (catalog 0*.sql, billing 1*.sql).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder of one dialect's migration files. */
export function migrationsDir(dialect: 'sqlite' | 'pg'): string {
  return join(here, 'migrations', dialect);
}

/** The `.sql` files of a folder, sorted by name. */
export function migrationFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
}

/**
 * Applies every not yet applied migration file to a SQLite database, each in its own transaction,
 * and returns the names of the files it applied.
 *
 * @example
 * migrateSqlite(db) // ['0001_catalog.sql', '1001_billing.sql'] on a fresh file, [] afterwards
 */
export function migrateSqlite(db: Database, dir: string = migrationsDir('sqlite')): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const done: string[] = [];
  for (const name of migrationFiles(dir)) {
    if (applied.has(name)) continue;
    const sql = readFileSync(join(dir, name), 'utf8');
    // IMMEDIATE: two processes opening the same fresh file must not both apply a migration.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').get(name);
      if (again) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(name, new Date().toISOString());
      done.push(name);
    }).immediate();
  }
  return done;
}
