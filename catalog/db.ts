// Opens the embedded catalog database: one SQLite file through better-sqlite3 in WAL mode,
// brought up to date by the migrations, with a drizzle-orm instance over the same handle.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrateSqlite } from './migrate.ts';

/** An open SQLite catalog: the raw better-sqlite3 handle (billing uses it too) and drizzle over it. */
export interface SqliteHandle {
  sqlite: Database.Database;
  db: BetterSQLite3Database;
  path: string;
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite file at `path` and applies the migrations.
 *
 * Durability: WAL with `synchronous = FULL`, so a transaction that has committed is on disk before
 * the call returns. Billing writes usage events before a response is sent, and a power loss must
 * not lose an event the client was answered for; NORMAL would only protect against process crashes.
 * `busy_timeout` lets a second process (a CLI next to the server) wait for the write lock.
 *
 * @example
 * const { sqlite, db, close } = openSqlite('.data/rulemart.db');
 */
export function openSqlite(path: string, options: { migrate?: boolean } = {}): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  if (options.migrate !== false) migrateSqlite(sqlite);
  const db = drizzle(sqlite);
  return { sqlite, db, path, close: () => sqlite.close() };
}
