// Applies the plain SQL migrations of catalog/migrations/pg/ in file-name order to PostgreSQL and
// records each applied file — the twin of catalog/migrate.ts for SQLite (catalog 0*.sql, billing 1*.sql).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { migrationFiles, migrationsDir } from '../migrate.ts';

/** Arbitrary constant key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 0x72756c65;

/** Runs `fn` on one client inside a transaction holding the migration lock. */
async function underLock(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await fn(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

/** Creates the schema when missing (under the lock: concurrent CREATE SCHEMA IF NOT EXISTS can collide). */
export async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  await underLock(pool, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  });
}

/**
 * Applies every not yet applied migration file, each in its own transaction, under a
 * transaction-level advisory lock, and returns the names of the files it applied.
 */
export async function migratePg(pool: pg.Pool, dir: string = migrationsDir('pg')): Promise<string[]> {
  const done: string[] = [];
  for (const name of migrationFiles(dir)) {
    await underLock(pool, async (client) => {
      // Inside the lock: two instances creating the table at once would collide in pg_type.
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const again = await client.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (again.rowCount !== 0) return;
      await client.query(readFileSync(join(dir, name), 'utf8'));
      await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [name, new Date().toISOString()]);
      done.push(name);
    });
  }
  return done;
}
