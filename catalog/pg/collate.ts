// Orders text the way SQLite does (by code point), whatever collation the PostgreSQL database has,
// so listings come back in the same order from both backends.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `ORDER BY` expression for a text column in binary (code point) order. */
export function byCodePoint(column: AnyPgColumn): SQL {
  return sql`${column} collate "C"`;
}
