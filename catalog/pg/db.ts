// Opens the PostgreSQL catalog database: a pg connection pool (optionally confined to one schema),
// brought up to date by the migrations, with a drizzle-orm instance over the same pool.
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { ensureSchema, migratePg } from './migrate.ts';

/** An open PostgreSQL catalog: the pool (billing uses it too) and drizzle over it. */
export interface PgHandle {
  pool: pg.Pool;
  db: NodePgDatabase;
  /** The schema every connection uses (`search_path`), `public` unless the URL names one. */
  schema: string;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Splits rulemart's own `?schema=<name>` parameter off a `postgres://` URL. Several deployments
 * (or test files) can share one database, each in its own schema.
 */
export function parseDatabaseUrl(url: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`);
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name in DATABASE_URL: ${schema}`);
  return { connectionString: parsed.toString(), schema };
}

/**
 * Connects to `url` (`postgres://user@host:5432/db[?schema=name]`), creates the schema when
 * missing and applies the migrations (serialised by an advisory lock, so instances starting
 * together do not race).
 *
 * @example
 * const { db, pool, close } = await openPg('postgres://postgres@127.0.0.1:5432/rulemart');
 */
export async function openPg(url: string, options: { migrate?: boolean; max?: number } = {}): Promise<PgHandle> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    // Every pooled connection works in the one schema and only there: with `public` as a fallback, a
    // connection that resolved names before its schema's tables existed read another deployment's
    // `public` tables (a fresh key refused, redeems miscounted, now and then in the two-instance
    // test). The migrations use no extension, so nothing needs `public`.
    options: `-c search_path=${schema}`,
  });
  // An idle client that loses its connection emits 'error' on the pool; the next query reconnects.
  pool.on('error', () => {});
  try {
    if (options.migrate !== false) {
      await ensureSchema(pool, schema);
      await migratePg(pool);
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzle({ client: pool });
  return { pool, db, schema, close: () => pool.end() };
}
